using System.Text;

namespace Coffer.Formats.Calendar;

/// <summary>
/// vCalendar 1.0 text values (vCalendar 1.0 §2.1.3): after quoted-printable/charset decoding only ";" is
/// escaped ("\;") in compound values. Real producers (Horde, Funambol) also write iCalendar escapes
/// ("\,", "\\", "\n") into 1.0 objects, so decoding accepts those too.
/// </summary>
internal static class VCalendarText
{
    public static string Decode(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length && raw[i + 1] is ';' or ',' or '\\' or 'n' or 'N')
            {
                var n = raw[++i];
                sb.Append(n is 'n' or 'N' ? '\n' : n);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Escapes "\" and ";"; line breaks stay real (the writer quoted-printable encodes them).</summary>
    public static string Encode(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
}
