using System.Globalization;
using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>RFC 5322 §3.3 date-time, with the §4.3 obsolete forms (2- and 3-digit years, named and military zones, comments).</summary>
public static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>Parses a Date header value. Loose also takes missing zones (as UTC), month-before-day and asctime order, and ISO 8601.</summary>
    public static bool TryParse(string? value, ParserCompliance compliance, out DateTimeOffset result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var tokens = Tokenize(value);
        var i = 0;
        if (i < tokens.Count && IsDayName(tokens[i]))
        {
            i++;
        }

        int? day = null, month = null, year = null;
        TimeSpan? time = null;
        TimeSpan? zone = null;
        var zoneSeen = false;
        for (; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Contains(':', StringComparison.Ordinal) && time == null)
            {
                if (!TryParseTime(t, out var tod))
                {
                    return compliance == ParserCompliance.Loose && TryIso(value, out result);
                }

                time = tod;
            }
            else if (time != null && !zoneSeen && TryParseZone(t, out var z))
            {
                zone = z;
                zoneSeen = true;
            }
            else if (MonthIndex(t) is int m && month == null)
            {
                month = m;
            }
            else if (IsDigits(t) && day == null && t.Length <= 2 && (month == null || year == null))
            {
                day = int.Parse(t, CultureInfo.InvariantCulture);
            }
            else if (IsDigits(t) && year == null && t.Length <= 9)
            {
                year = int.Parse(t, CultureInfo.InvariantCulture);

                // RFC 5322 §4.3: "00"-"49" are 2000-2049, "50"-"99" 1950-1999, three digits add 1900.
                year = t.Length switch
                {
                    2 => year < 50 ? year + 2000 : year + 1900,
                    3 => year + 1900,
                    _ => year,
                };
            }
            else if (compliance == ParserCompliance.Strict || !IsDayName(t))
            {
                return compliance == ParserCompliance.Loose && TryIso(value, out result);
            }
        }

        if (day == null || month == null || year == null || time == null)
        {
            return compliance == ParserCompliance.Loose && TryIso(value, out result);
        }

        if (!zoneSeen && compliance == ParserCompliance.Strict)
        {
            return false;
        }

        var offset = zone ?? TimeSpan.Zero;
        if (offset.Duration() > TimeSpan.FromHours(14))
        {
            // Beyond what any real zone (and DateTimeOffset) allows: keep the wall clock, lose the zone.
            if (compliance == ParserCompliance.Strict)
            {
                return false;
            }

            offset = TimeSpan.Zero;
        }

        if (year < 1 || year > 9999 || day < 1 || day > DateTime.DaysInMonth(year.Value, month.Value))
        {
            return false;
        }

        result = new DateTimeOffset(year.Value, month.Value, day.Value, 0, 0, 0, offset).Add(time.Value);
        return true;
    }

    /// <summary>Formats as RFC 5322 §3.3, e.g. "Tue, 5 Mar 2024 09:07:00 +0100".</summary>
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return value.ToString("ddd, d MMM yyyy HH':'mm':'ss ", CultureInfo.InvariantCulture)
            + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    private static List<string> Tokenize(string value)
    {
        // Comments may appear anywhere in obs-date-time (RFC 5322 §4.3); drop them, then split on FWS and ','.
        var sb = new StringBuilder(value.Length);
        var depth = 0;
        foreach (var c in value)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                sb.Append(c is ',' ? ' ' : c);
            }
        }

        return sb.ToString().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static bool IsDayName(string t) => t.Length >= 3 && Days.Contains(t[..3].ToLowerInvariant()) && t.All(char.IsAsciiLetter);

    private static int? MonthIndex(string t)
    {
        if (t.Length < 3 || !t.All(char.IsAsciiLetter))
        {
            return null;
        }

        var i = Array.IndexOf(Months, t[..3].ToLowerInvariant());
        return i < 0 ? null : i + 1;
    }

    private static bool IsDigits(string t) => t.Length > 0 && t.All(char.IsAsciiDigit);

    private static bool TryParseTime(string t, out TimeSpan time)
    {
        time = default;
        var parts = t.Split(':');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length is 1 or 2 && IsDigits(p)))
        {
            return false;
        }

        var h = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var m = int.Parse(parts[1], CultureInfo.InvariantCulture);

        // A leap second (":60", RFC 5322 §3.3) has no DateTimeOffset; fold it onto :59.
        var s = parts.Length == 3 ? Math.Min(59, int.Parse(parts[2], CultureInfo.InvariantCulture)) : 0;
        if (h > 23 || m > 59 || s > 59)
        {
            return false;
        }

        time = new TimeSpan(h, m, s);
        return true;
    }

    private static bool TryParseZone(string t, out TimeSpan? zone)
    {
        zone = null;
        if (t.Length == 5 && t[0] is '+' or '-' && IsDigits(t[1..]))
        {
            var hh = int.Parse(t[1..3], CultureInfo.InvariantCulture);
            var mm = int.Parse(t[3..5], CultureInfo.InvariantCulture);
            if (mm > 59)
            {
                return false;
            }

            var span = new TimeSpan(hh, mm, 0);
            zone = t[0] == '-' ? -span : span;
            return true;
        }

        // RFC 5322 §4.3 obs-zone.
        zone = t.ToUpperInvariant() switch
        {
            "UT" or "GMT" or "Z" or "UTC" => TimeSpan.Zero,
            "EDT" => TimeSpan.FromHours(-4),
            "EST" or "CDT" => TimeSpan.FromHours(-5),
            "CST" or "MDT" => TimeSpan.FromHours(-6),
            "MST" or "PDT" => TimeSpan.FromHours(-7),
            "PST" => TimeSpan.FromHours(-8),

            // Military zones were defined with the wrong sign in RFC 822; §4.3 says treat them as "-0000".
            { Length: 1 } s when char.IsAsciiLetter(s[0]) && s[0] != 'J' => TimeSpan.Zero,
            _ => null,
        };
        return zone != null;
    }

    private static bool TryIso(string value, out DateTimeOffset result) =>
        DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result);
}
