using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>Lexer over an unfolded structured header value (RFC 5322 §3.2: CFWS, atoms, quoted-strings, domain literals).</summary>
internal sealed class HeaderCursor
{
    private readonly string text;

    public HeaderCursor(string text)
    {
        this.text = text;
    }

    public int Position { get; set; }

    public bool AtEnd => Position >= text.Length;

    public char Current => text[Position];

    /// <summary>The last comment text seen by <see cref="SkipCfws"/> (used for "addr (Name)" display names).</summary>
    public string? LastComment { get; private set; }

    public string Text => text;

    /// <summary>RFC 5322 §3.2.2: atext.</summary>
    public static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c) || c > 0x7f;

    /// <summary>RFC 2045 §5.1: token characters (no tspecials, no space or controls).</summary>
    public static bool IsTokenChar(char c) => c > 32 && c != 127 && !"()<>@,;:\\\"/[]?=".Contains(c);

    /// <summary>Skips folding whitespace and nested comments (RFC 5322 §3.2.2). Returns false for an unclosed comment.</summary>
    public bool SkipCfws()
    {
        while (!AtEnd)
        {
            var c = Current;
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                Position++;
            }
            else if (c == '(')
            {
                if (!SkipComment())
                {
                    return false;
                }
            }
            else
            {
                break;
            }
        }

        return true;
    }

    public bool Peek(char c) => !AtEnd && Current == c;

    public bool TryConsume(char c)
    {
        if (Peek(c))
        {
            Position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a run of atext (with '.' when <paramref name="allowDot"/>, for dot-atom and obs-phrase).</summary>
    public string? ReadAtom(bool allowDot)
    {
        var start = Position;
        while (!AtEnd && (IsAtext(Current) || (allowDot && Current == '.')))
        {
            Position++;
        }

        return Position > start ? text[start..Position] : null;
    }

    /// <summary>Reads an RFC 2045 token.</summary>
    public string? ReadToken()
    {
        var start = Position;
        while (!AtEnd && IsTokenChar(Current))
        {
            Position++;
        }

        return Position > start ? text[start..Position] : null;
    }

    /// <summary>RFC 5322 §3.2.4: quoted-string with quoted-pairs removed. Null when unterminated.</summary>
    public string? ReadQuotedString()
    {
        if (!TryConsume('"'))
        {
            return null;
        }

        var sb = new StringBuilder();
        while (!AtEnd)
        {
            var c = Current;
            Position++;
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c == '\\' && !AtEnd)
            {
                sb.Append(Current);
                Position++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                continue;
            }

            sb.Append(c);
        }

        return null;
    }

    /// <summary>RFC 5322 §3.4.1: domain-literal "[...]", returned with its brackets.</summary>
    public string? ReadDomainLiteral()
    {
        if (!Peek('['))
        {
            return null;
        }

        var end = text.IndexOf(']', Position);
        if (end < 0)
        {
            return null;
        }

        var literal = text[Position..(end + 1)];
        Position = end + 1;
        return literal;
    }

    private bool SkipComment()
    {
        var depth = 0;
        var sb = new StringBuilder();
        while (!AtEnd)
        {
            var c = Current;
            Position++;
            if (c == '\\' && !AtEnd)
            {
                sb.Append(Current);
                Position++;
                continue;
            }

            if (c == '(')
            {
                if (depth > 0)
                {
                    sb.Append(c);
                }

                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    LastComment = sb.ToString();
                    return true;
                }

                sb.Append(c);
            }
            else
            {
                sb.Append(c);
            }
        }

        return false;
    }
}
