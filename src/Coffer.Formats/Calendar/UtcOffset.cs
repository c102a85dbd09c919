using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>UTC offsets: RFC 5545 §3.3.14 "+0100"/"-053000" and vCalendar 1.0 §3.4 TZ "+01:00"/"-05".</summary>
internal static class UtcOffset
{
    public static TimeSpan? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim().Replace(":", string.Empty, StringComparison.Ordinal);
        var sign = 1;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }

        if (s.Length is not (1 or 2 or 4 or 6) || !s.All(char.IsAsciiDigit))
        {
            return null;
        }

        if (s.Length == 1)
        {
            s = "0" + s;
        }

        var h = int.Parse(s[..2], CultureInfo.InvariantCulture);
        var m = s.Length >= 4 ? int.Parse(s[2..4], CultureInfo.InvariantCulture) : 0;
        var sec = s.Length == 6 ? int.Parse(s[4..6], CultureInfo.InvariantCulture) : 0;
        if (h > 23 || m > 59 || sec > 59)
        {
            return null;
        }

        return sign * new TimeSpan(h, m, sec);
    }

    /// <summary>RFC 5545 form: "+0100".</summary>
    public static string FormatICalendar(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(offset.Seconds != 0 ? "hhmmss" : "hhmm", CultureInfo.InvariantCulture);

    /// <summary>vCalendar 1.0 form: "+01:00".</summary>
    public static string FormatVCalendar(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
}
