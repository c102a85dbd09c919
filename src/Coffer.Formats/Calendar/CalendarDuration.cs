using System.Globalization;
using System.Text;

namespace Coffer.Formats.Calendar;

/// <summary>DURATION values (RFC 5545 §3.3.6): "-PT15M", "P1W", "P1DT2H". Days and weeks are taken as 24 h.</summary>
public static class CalendarDuration
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36525);

    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        if (i >= s.Length || s[i] != 'P')
        {
            throw Invalid(text);
        }

        i++;
        var inTime = false;
        var total = TimeSpan.Zero;
        var any = false;
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                inTime = true;
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start || i >= s.Length || i - start > 9)
            {
                throw Invalid(text);
            }

            var n = long.Parse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            if (n > 36525L * 86400)
            {
                throw Invalid(text);
            }

            var unit = s[i++];
            long unitSeconds = (unit, inTime) switch
            {
                ('W', false) => 7 * 86400,
                ('D', false) => 86400,
                ('H', true) => 3600,
                ('M', true) => 60,
                ('S', true) => 1,
                _ => throw Invalid(text),
            };
            if (n * unitSeconds > (long)MaxDuration.TotalSeconds)
            {
                throw Invalid(text);
            }

            total += TimeSpan.FromSeconds(n * unitSeconds);
            if (total > MaxDuration)
            {
                throw Invalid(text);
            }

            any = true;
        }

        // A reminder or event longer than a century is corrupt data, and the cap keeps date arithmetic in range.
        if (!any || total > MaxDuration)
        {
            throw Invalid(text);
        }

        return negative ? -total : total;
    }

    public static string Format(TimeSpan value)
    {
        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Duration();
        }

        sb.Append('P');
        if (value == TimeSpan.Zero)
        {
            return sb.Append("T0S").ToString();
        }

        var days = (long)value.TotalDays;
        var rest = value - TimeSpan.FromDays(days);
        if (rest == TimeSpan.Zero && days % 7 == 0)
        {
            return sb.Append(CultureInfo.InvariantCulture, $"{days / 7}W").ToString();
        }

        if (days > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{days}D");
        }

        if (rest > TimeSpan.Zero)
        {
            sb.Append('T');
            if (rest.Hours > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{rest.Hours}H");
            }

            if (rest.Minutes > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{rest.Minutes}M");
            }

            if (rest.Seconds > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{rest.Seconds}S");
            }
        }

        return sb.ToString();
    }

    private static PimFormatException Invalid(string text) => new($"Invalid DURATION value '{text}'.");
}
