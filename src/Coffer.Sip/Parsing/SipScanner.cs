namespace Coffer.Sip.Parsing;

/// <summary>A cursor over one header field value, with the LWS-tolerant separators of RFC 3261 §25.1.</summary>
internal sealed class SipScanner(string text)
{
    public string Text { get; } = text;
    public int Position { get; set; }

    public bool AtEnd => Position >= Text.Length;

    public char Peek => AtEnd ? '\0' : Text[Position];

    public bool SkipWhitespace()
    {
        var start = Position;
        while (!AtEnd && SipGrammar.IsWhitespace(Text[Position]))
        {
            Position++;
        }
        return Position > start;
    }

    /// <summary>SWS c SWS: a separator such as SEMI, SLASH, COLON, EQUAL.</summary>
    public bool TrySeparator(char c)
    {
        var start = Position;
        SkipWhitespace();
        if (Peek == c)
        {
            Position++;
            SkipWhitespace();
            return true;
        }
        Position = start;
        return false;
    }

    public string ReadWhile(Func<char, bool> accept)
    {
        var start = Position;
        while (!AtEnd && accept(Text[Position]))
        {
            Position++;
        }
        return Text[start..Position];
    }

    public string Token(string what)
    {
        var token = ReadWhile(SipGrammar.IsTokenChar);
        return token.Length > 0 ? token : throw new SipParseException($"expected {what} at '{Rest}'");
    }

    /// <summary>A quoted-string (§25.1), returned without its quotes and with quoted-pairs resolved.</summary>
    public string QuotedString()
    {
        if (Peek != '"')
        {
            throw new SipParseException($"expected a quoted string at '{Rest}'");
        }
        Position++;
        var sb = new System.Text.StringBuilder();
        while (!AtEnd)
        {
            var c = Text[Position++];
            if (c == '"')
            {
                return sb.ToString();
            }
            if (c == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (AtEnd || Text[Position] is '\r' or '\n' or > '\x7F')
                {
                    throw new SipParseException("invalid quoted-pair in a quoted string");
                }
                sb.Append(Text[Position++]);
                continue;
            }
            if (c < ' ' && c != '\t')
            {
                throw new SipParseException("a control character in a quoted string");
            }
            sb.Append(c);
        }
        throw new SipParseException($"unterminated quoted string in '{Text}'");
    }

    public string Rest => Text[Position..];
}
