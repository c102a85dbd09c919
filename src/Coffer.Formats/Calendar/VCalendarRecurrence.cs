using System.Globalization;
using System.Text;

namespace Coffer.Formats.Calendar;

/// <summary>
/// Converts recurrence rules between the vCalendar 1.0 grammar (vCalendar 1.0 §3.5 "Recurrence Rule",
/// e.g. "W2 MO TH 20021231T000000Z", "MP1 1+ MO #0") and RFC 5545 §3.3.10 RECUR values
/// ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20021231T000000Z").
/// </summary>
public static class VCalendarRecurrence
{
    private static readonly string[] WeekDays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <summary>
    /// vCalendar 1.0 → RFC 5545. "#0" is "forever" (no COUNT); a missing duration means "#2"
    /// (vCalendar 1.0 §3.5: the default duration is two occurrences). INTERVAL is written only when not 1.
    /// With <paramref name="allDay"/> an end date-time becomes a DATE, as RFC 5545 §3.3.10 wants UNTIL
    /// to have DTSTART's value type. Strict rejects unknown tokens; Loose skips them (and a trailing
    /// "$", lower case, a bare occurrence digit).
    /// </summary>
    public static string ToICalendar(string vcalRule, bool allDay = false, ParserCompliance compliance = ParserCompliance.Loose)
    {
        ArgumentNullException.ThrowIfNull(vcalRule);
        var tokens = vcalRule.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw new PimFormatException("Empty vCalendar 1.0 recurrence rule.");
        }

        var head = compliance == ParserCompliance.Loose ? tokens[0].ToUpperInvariant() : tokens[0];
        var kind = head.StartsWith("MP", StringComparison.Ordinal) || head.StartsWith("MD", StringComparison.Ordinal)
            || head.StartsWith("YM", StringComparison.Ordinal) || head.StartsWith("YD", StringComparison.Ordinal)
            ? head[..2]
            : head[..1];
        var intervalText = head[kind.Length..];
        if (!int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || interval <= 0)
        {
            if (compliance == ParserCompliance.Strict || intervalText.Length > 0)
            {
                throw new PimFormatException($"Invalid interval in vCalendar 1.0 recurrence rule '{vcalRule}'.");
            }

            interval = 1;
        }

        var freq = kind switch
        {
            "D" => "DAILY",
            "W" => "WEEKLY",
            "MP" or "MD" => "MONTHLY",
            "YM" or "YD" => "YEARLY",
            _ => throw new PimFormatException($"Unknown frequency in vCalendar 1.0 recurrence rule '{vcalRule}'."),
        };

        string? count = "2";
        string? until = null;
        var byDay = new List<string>();
        var numbers = new List<string>();
        // vCalendar 1.0 §3.5: in "MP" rules occurrences ("1+", "2-") precede the weekdays they qualify;
        // "1+ 2- FR" means first and second-to-last Friday.
        var occurrences = new List<string>();
        var lastWasDay = false;
        for (var i = 1; i < tokens.Length; i++)
        {
            var t = compliance == ParserCompliance.Loose ? tokens[i].ToUpperInvariant().TrimEnd('$') : tokens[i];
            if (t.StartsWith('#'))
            {
                if (!int.TryParse(t.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                {
                    throw new PimFormatException($"Invalid duration '{t}' in vCalendar 1.0 recurrence rule '{vcalRule}'.");
                }

                count = c == 0 ? null : c.ToString(CultureInfo.InvariantCulture);
                until = null;
                continue;
            }

            if (t.Length >= 8 && char.IsAsciiDigit(t[0]))
            {
                var end = CalendarDateTime.Parse(t, null, compliance);
                if (allDay && !end.IsDate)
                {
                    end = new CalendarDateTime(end.Value.Date, CalendarDateTimeKind.Date);
                }

                until = end.Format();
                count = null;
                continue;
            }

            if (kind is "W" or "MP" && Array.IndexOf(WeekDays, t) >= 0)
            {
                if (kind == "MP" && occurrences.Count == 0 && compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException($"Weekday without occurrence in vCalendar 1.0 rule '{vcalRule}'.");
                }

                foreach (var prefix in occurrences.Count == 0 ? [string.Empty] : occurrences)
                {
                    if (!byDay.Contains(prefix + t))
                    {
                        byDay.Add(prefix + t);
                    }
                }

                lastWasDay = true;
                continue;
            }

            if (kind == "MP" && ParseOrdinal(t, 5, compliance) is { } occ)
            {
                if (lastWasDay)
                {
                    occurrences.Clear();
                    lastWasDay = false;
                }

                occurrences.Add(occ.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            if (kind is "MD" or "YD" && (t == "LD" ? -1 : ParseOrdinal(t, kind == "MD" ? 31 : 366, compliance)) is { } day)
            {
                numbers.Add(day.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            if (kind == "YM" && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                numbers.Add(month.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            if (compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException($"Unexpected token '{tokens[i]}' in vCalendar 1.0 recurrence rule '{vcalRule}'.");
            }
        }

        var sb = new StringBuilder("FREQ=").Append(freq);
        if (interval != 1)
        {
            sb.Append(";INTERVAL=").Append(interval.ToString(CultureInfo.InvariantCulture));
        }

        if (byDay.Count > 0)
        {
            sb.Append(";BYDAY=").AppendJoin(',', byDay);
        }

        if (numbers.Count > 0)
        {
            sb.Append(kind switch { "MD" => ";BYMONTHDAY=", "YD" => ";BYYEARDAY=", _ => ";BYMONTH=" }).AppendJoin(',', numbers);
        }

        if (count is not null)
        {
            sb.Append(";COUNT=").Append(count);
        }
        else if (until is not null)
        {
            sb.Append(";UNTIL=").Append(until);
        }

        return sb.ToString();
    }

    /// <summary>
    /// RFC 5545 → vCalendar 1.0, or null when the rule has no vCalendar 1.0 form (BYSETPOS, BYHOUR and
    /// finer, BYWEEKNO, YEARLY with weekdays or month days, MONTHLY mixing weekdays and month days, weekdays
    /// without ordinal in MONTHLY). WKST is dropped (vCalendar 1.0 weeks have no start day). A DAILY rule
    /// limited by BYDAY becomes the equivalent weekly rule when INTERVAL is 1.
    /// </summary>
    public static string? ToVCalendar(string icalRule, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var rule = RecurrenceRule.Parse(icalRule, compliance);
        foreach (var part in rule.Parts)
        {
            if (part.Key is not ("FREQ" or "INTERVAL" or "COUNT" or "UNTIL" or "BYDAY" or "BYMONTHDAY" or "BYMONTH" or "BYYEARDAY" or "WKST"))
            {
                return null;
            }
        }

        var interval = rule.Interval;
        var byDay = rule.ByDay;
        var monthDays = rule.ByMonthDay;
        var months = rule.ByMonth;
        var yearDays = rule.ByYearDay;
        var body = new StringBuilder();
        switch (rule.Frequency)
        {
            case "DAILY" when monthDays.Count == 0 && months.Count == 0 && yearDays.Count == 0:
                if (byDay.Count == 0)
                {
                    body.Append('D').Append(interval.ToString(CultureInfo.InvariantCulture));
                }
                else if (interval == 1 && AllPlainWeekDays(byDay))
                {
                    body.Append("W1 ").AppendJoin(' ', byDay);
                }
                else
                {
                    return null;
                }

                break;
            case "WEEKLY" when monthDays.Count == 0 && months.Count == 0 && yearDays.Count == 0 && AllPlainWeekDays(byDay):
                body.Append('W').Append(interval.ToString(CultureInfo.InvariantCulture));
                foreach (var d in byDay)
                {
                    body.Append(' ').Append(d);
                }

                break;
            case "MONTHLY" when months.Count == 0 && yearDays.Count == 0 && (byDay.Count == 0 || monthDays.Count == 0):
                if (byDay.Count > 0)
                {
                    body.Append("MP").Append(interval.ToString(CultureInfo.InvariantCulture));
                    if (!AppendOccurrences(body, byDay))
                    {
                        return null;
                    }
                }
                else
                {
                    body.Append("MD").Append(interval.ToString(CultureInfo.InvariantCulture));
                    foreach (var d in monthDays)
                    {
                        if (!int.TryParse(d, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n == 0 || Math.Abs(n) > 31)
                        {
                            return null;
                        }

                        body.Append(' ').Append(n > 0 ? n.ToString(CultureInfo.InvariantCulture) : (-n).ToString(CultureInfo.InvariantCulture) + "-");
                    }
                }

                break;
            case "YEARLY" when byDay.Count == 0 && monthDays.Count == 0 && (months.Count == 0 || yearDays.Count == 0):
                if (yearDays.Count > 0)
                {
                    body.Append("YD").Append(interval.ToString(CultureInfo.InvariantCulture));
                    foreach (var d in yearDays)
                    {
                        if (!int.TryParse(d, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n == 0 || Math.Abs(n) > 366)
                        {
                            return null;
                        }

                        body.Append(' ').Append(n > 0 ? n.ToString(CultureInfo.InvariantCulture) : (-n).ToString(CultureInfo.InvariantCulture) + "-");
                    }
                }
                else
                {
                    body.Append("YM").Append(interval.ToString(CultureInfo.InvariantCulture));
                    foreach (var m in months)
                    {
                        if (!int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 12)
                        {
                            return null;
                        }

                        body.Append(' ').Append(n.ToString(CultureInfo.InvariantCulture));
                    }
                }

                break;
            default:
                return null;
        }

        if (rule.Count is { } count)
        {
            body.Append(" #").Append(count.ToString(CultureInfo.InvariantCulture));
        }
        else if (rule.Until is { } until)
        {
            // vCalendar 1.0 §3.5: the end date is an ISO 8601 date-time; a DATE is passed through as a
            // basic ISO 8601 date so that all-day rules keep their type.
            body.Append(' ').Append(CalendarDateTime.Parse(until, null, compliance).Format());
        }
        else
        {
            body.Append(" #0");
        }

        return body.ToString();
    }

    private static bool AllPlainWeekDays(IReadOnlyList<string> days)
    {
        foreach (var d in days)
        {
            if (Array.IndexOf(WeekDays, d) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AppendOccurrences(StringBuilder body, IReadOnlyList<string> byDay)
    {
        // vCalendar 1.0 §3.5: "MP<interval> <occurrence> <weekday>..."; an occurrence applies to the
        // weekdays that follow it, so group weekdays by ordinal in first-seen order.
        var groups = new List<(int Occ, List<string> Days)>();
        foreach (var item in byDay)
        {
            if (item.Length < 3 || Array.IndexOf(WeekDays, item[^2..]) < 0
                || !int.TryParse(item[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var occ) || occ == 0 || Math.Abs(occ) > 5)
            {
                return false;
            }

            var g = groups.FindIndex(x => x.Occ == occ);
            if (g < 0)
            {
                groups.Add((occ, [item[^2..]]));
            }
            else
            {
                groups[g].Days.Add(item[^2..]);
            }
        }

        foreach (var (occ, days) in groups)
        {
            body.Append(' ').Append(Math.Abs(occ).ToString(CultureInfo.InvariantCulture)).Append(occ > 0 ? '+' : '-');
            foreach (var d in days)
            {
                body.Append(' ').Append(d);
            }
        }

        return true;
    }

    private static int? ParseOrdinal(string t, int max, ParserCompliance compliance)
    {
        var sign = 1;
        var digits = t;
        if (t.EndsWith('+') || t.EndsWith('-'))
        {
            sign = t[^1] == '-' ? -1 : 1;
            digits = t[..^1];
        }
        else if (max == 5 && compliance == ParserCompliance.Strict)
        {
            return null;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? sign * n : null;
    }
}
