using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>Backslash escaping of TEXT values (RFC 6350 §3.4, RFC 5545 §3.3.11, vCard 2.1 §2.1.3).</summary>
public static class TextEscaping
{
    /// <summary>
    /// Removes escapes. Rfc: \\ \; \, \n \N; Loose also accepts "\:" and keeps an unknown escape as it
    /// stands (devices write "\r", "\t", Windows paths), Strict raises. Legacy: only "\;".
    /// </summary>
    public static string Unescape(string raw, EscapeStyle style, ParserCompliance compliance = ParserCompliance.Loose)
    {
        if (raw.IndexOf('\\') < 0)
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 == raw.Length)
            {
                if (c == '\\' && style == EscapeStyle.Rfc && compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException("Text value ends with a lone backslash");
                }

                sb.Append(c);
                continue;
            }

            var next = raw[i + 1];
            if (style == EscapeStyle.Legacy)
            {
                if (next == ';')
                {
                    sb.Append(';');
                    i++;
                }
                else
                {
                    sb.Append(c);
                }

                continue;
            }

            switch (next)
            {
                case '\\' or ';' or ',':
                    sb.Append(next);
                    i++;
                    break;
                case 'n' or 'N':
                    sb.Append('\n');
                    i++;
                    break;
                case ':' when compliance == ParserCompliance.Loose:
                    sb.Append(':');
                    i++;
                    break;
                default:
                    if (compliance == ParserCompliance.Strict)
                    {
                        throw new PimFormatException($"Invalid escape '\\{next}' in text value");
                    }

                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Escapes text for a value. Rfc escapes \ ; , and turns CRLF/LF/CR into "\n". Legacy escapes only ";"
    /// and leaves line breaks for the caller to carry as quoted-printable (vCard 2.1 §2.1.3).
    /// </summary>
    public static string Escape(string text, EscapeStyle style) =>
        NeedsEscaping(text, style) ? EscapeInto(new StringBuilder(text.Length + 8), text, style).ToString() : text;

    /// <summary>Appends <paramref name="text"/> escaped as <see cref="Escape"/> would, without an intermediate string.</summary>
    public static StringBuilder AppendEscaped(StringBuilder sb, string text, EscapeStyle style) =>
        NeedsEscaping(text, style) ? EscapeInto(sb, text, style) : sb.Append(text);

    private static StringBuilder EscapeInto(StringBuilder sb, string text, EscapeStyle style)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (style == EscapeStyle.Legacy)
            {
                if (c == ';')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '\\' or ';' or ',':
                    sb.Append('\\').Append(c);
                    break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    sb.Append("\\n");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb;
    }

    private static bool NeedsEscaping(string text, EscapeStyle style) =>
        style == EscapeStyle.Legacy ? text.Contains(';') : text.AsSpan().IndexOfAny("\\;,\r\n") >= 0;
}
