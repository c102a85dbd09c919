using System.Text;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Auth;

/// <summary>
/// The auth-params of a credentials or challenge value: "Digest" LWS name=value *(COMMA name=value), values being
/// tokens or quoted strings (RFC 3261 §25.1, RFC 2617 §3.2).
/// </summary>
public static class DigestParameters
{
    /// <summary>The scheme and its parameters (names lower-cased, quoted values unquoted); null when unparseable.</summary>
    public static (string Scheme, Dictionary<string, string> Values)? Parse(string header)
    {
        var text = header.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        if (space <= 0)
        {
            return null;
        }
        var scheme = text[..space];
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ','))
            {
                i++;
            }
            if (i >= text.Length)
            {
                break;
            }
            var start = i;
            while (i < text.Length && SipGrammar.IsTokenChar(text[i]))
            {
                i++;
            }
            var name = text[start..i];
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                return null;
            }
            i++;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }
                    sb.Append(text[i++]);
                }
                if (i >= text.Length)
                {
                    return null;
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                start = i;
                while (i < text.Length && text[i] is not (',' or ' ' or '\t'))
                {
                    i++;
                }
                value = text[start..i];
            }
            if (!values.TryAdd(name.ToLowerInvariant(), value))
            {
                return null; // RFC 7616 §3.4: a parameter appears at most once.
            }
        }
        return (scheme, values);
    }

    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
