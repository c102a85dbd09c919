using System.Globalization;
using Coffer.Sip.Message;

namespace Coffer.Sip.Parsing;

/// <summary>The grammars of the header fields the stack reads (RFC 3261 §20, §25.1).</summary>
public static class HeaderValueParser
{
    /// <summary>via-parm = sent-protocol LWS sent-by *( SEMI via-params ) (§20.42).</summary>
    public static SipVia ParseVia(string value, SipCompliance mode)
    {
        var s = new SipScanner(value.Trim());
        var protocol = s.Token("a protocol name in Via");
        if (!s.TrySeparator('/'))
        {
            throw new SipParseException($"invalid Via '{value}'");
        }
        var version = s.Token("a protocol version in Via");
        if (!s.TrySeparator('/'))
        {
            throw new SipParseException($"invalid Via '{value}'");
        }
        var transport = s.Token("a transport in Via");
        if (!s.SkipWhitespace())
        {
            throw new SipParseException($"no sent-by in Via '{value}'");
        }
        string hostText;
        if (s.Peek == '[')
        {
            hostText = s.ReadWhile(c => c != ']');
            if (s.Peek != ']')
            {
                throw new SipParseException($"invalid IPv6 reference in Via '{value}'");
            }
            s.Position++;
            hostText += "]";
        }
        else
        {
            hostText = s.ReadWhile(SipGrammar.IsHostChar);
        }
        if (s.TrySeparator(':'))
        {
            hostText += ":" + s.ReadWhile(SipGrammar.IsDigit);
        }
        var (host, port) = SipUriParser.ParseHostPort(hostText, value);
        var via = new SipVia { Protocol = protocol, Version = version, Transport = transport.ToUpperInvariant(), Host = host, Port = port };
        ReadParameters(s, via.Parameters, value);
        if (via.Parameters.Get("rport") is { } rport &&
            (!int.TryParse(rport, NumberStyles.None, CultureInfo.InvariantCulture, out var rp) || rp > 65535))
        {
            throw new SipParseException($"invalid rport in Via '{value}'");
        }
        if (via.Received is { } received && !System.Net.IPAddress.TryParse(received, out _))
        {
            throw new SipParseException($"invalid received in Via '{value}'");
        }
        if (mode == SipCompliance.Strict && via.Parameters.Has("branch") && !SipGrammar.IsToken(via.Branch ?? ""))
        {
            throw new SipParseException($"invalid branch in Via '{value}'");
        }
        return via;
    }

    /// <summary>
    /// (name-addr / addr-spec) *(SEMI generic-param) (§20.10, §20.20, §20.39). In the addr-spec form every
    /// semicolon starts a header parameter, so a URI with a comma, "?" or ";" must be in angle brackets (§20.10).
    /// </summary>
    public static SipNameAddress ParseNameAddress(string value, SipCompliance mode, bool allowWildcard = false)
    {
        var s = new SipScanner(value.Trim());
        if (allowWildcard && s.Text == "*")
        {
            return SipNameAddress.Wildcard();
        }
        string? display = null;
        SipUri uri;
        var lt = FindAngle(s.Text);
        if (lt >= 0)
        {
            if (s.Peek == '"')
            {
                display = s.QuotedString();
                s.SkipWhitespace();
                if (s.Position != lt)
                {
                    throw new SipParseException($"text between display name and '<' in '{value}'");
                }
            }
            else
            {
                var words = s.Text[..lt].Trim();
                // display-name = *(token LWS) / quoted-string
                if (words.Length > 0 && !words.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).All(SipGrammar.IsToken))
                {
                    throw new SipParseException($"display name '{words}' is neither tokens nor a quoted string");
                }
                display = words.Length > 0 ? string.Join(' ', words.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)) : null;
            }
            var gt = s.Text.IndexOf('>', lt);
            if (gt < 0)
            {
                throw new SipParseException($"no '>' in '{value}'");
            }
            var inner = s.Text[(lt + 1)..gt];
            if (inner != inner.Trim())
            {
                // RFC 4475 §3.1.2.14: LWS inside the brackets is outside the grammar; a liberal element may trim it.
                if (mode == SipCompliance.Strict)
                {
                    throw new SipParseException($"whitespace inside angle brackets in '{value}'");
                }
                inner = inner.Trim();
            }
            uri = SipUriParser.Parse(inner);
            s.Position = gt + 1;
        }
        else
        {
            if (s.Peek == '"')
            {
                throw new SipParseException($"display name without a <URI> in '{value}'");
            }
            var spec = s.ReadWhile(c => c != ';' && !SipGrammar.IsWhitespace(c));
            if (spec.IndexOfAny([',', '?']) >= 0)
            {
                throw new SipParseException($"a URI with ',' or '?' must be in angle brackets: '{value}'");
            }
            uri = SipUriParser.Parse(spec);
        }
        var address = new SipNameAddress { DisplayName = display, Uri = uri };
        ReadParameters(s, address.Parameters, value);
        return address;
    }

    /// <summary>CSeq = 1*DIGIT LWS Method (§20.16); the number is 32-bit (§8.1.1.5).</summary>
    public static SipCSeq ParseCSeq(string value)
    {
        var s = new SipScanner(value.Trim());
        var digits = s.ReadWhile(SipGrammar.IsDigit);
        if (digits.Length == 0 || !uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new SipParseException($"invalid CSeq number in '{value}'");
        }
        if (!s.SkipWhitespace())
        {
            throw new SipParseException($"invalid CSeq '{value}'");
        }
        var method = s.Token("a method in CSeq");
        if (!s.AtEnd)
        {
            throw new SipParseException($"invalid CSeq '{value}'");
        }
        return new SipCSeq(number, method);
    }

    /// <summary>media-type = m-type SLASH m-subtype *(SEMI m-parameter) (§20.15).</summary>
    public static (string Type, string SubType, SipParameters Parameters) ParseMediaType(string value)
    {
        var s = new SipScanner(value.Trim());
        var type = s.Token("a media type");
        if (!s.TrySeparator('/'))
        {
            throw new SipParseException($"invalid media type '{value}'");
        }
        var subtype = s.Token("a media subtype");
        var parameters = new SipParameters();
        ReadParameters(s, parameters, value);
        return (type, subtype, parameters);
    }

    /// <summary>*( SEMI generic-param ); generic-param = token [ EQUAL gen-value ], gen-value = token / host / quoted-string.</summary>
    internal static void ReadParameters(SipScanner s, SipParameters parameters, string context)
    {
        while (true)
        {
            s.SkipWhitespace();
            if (s.AtEnd)
            {
                return;
            }
            if (!s.TrySeparator(';'))
            {
                throw new SipParseException($"unexpected '{s.Rest}' in '{context}'");
            }
            var name = s.ReadWhile(SipGrammar.IsTokenChar);
            if (name.Length == 0)
            {
                throw new SipParseException($"empty parameter in '{context}'");
            }
            string? val = null;
            if (s.TrySeparator('='))
            {
                if (s.Peek == '"')
                {
                    var start = s.Position;
                    s.QuotedString();
                    val = s.Text[start..s.Position];
                }
                else if (s.Peek == '[')
                {
                    val = s.ReadWhile(c => c != ']') + (s.Peek == ']' ? "]" : throw new SipParseException($"invalid parameter in '{context}'"));
                    s.Position++;
                }
                else
                {
                    val = s.ReadWhile(c => SipGrammar.IsTokenChar(c) || c == ':');
                    if (val.Length == 0)
                    {
                        throw new SipParseException($"parameter '{name}' without a value in '{context}'");
                    }
                }
            }
            parameters.Add(new SipParameter(name, val));
        }
    }

    /// <summary>The '&lt;' that opens a name-addr's URI, outside any quoted display name; -1 in the addr-spec form.</summary>
    private static int FindAngle(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '<')
            {
                return i;
            }
            else if (c == ';')
            {
                return -1;
            }
        }
        if (quoted)
        {
            throw new SipParseException($"unterminated quoted string in '{text}'");
        }
        return -1;
    }
}
