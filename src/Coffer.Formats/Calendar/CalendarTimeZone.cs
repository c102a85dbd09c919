using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>
/// Evaluates a VTIMEZONE (RFC 5545 §3.6.5) well enough to map wall-clock time to UTC and to produce
/// vCalendar 1.0 TZ/DAYLIGHT properties (vCalendar 1.0 §3.4.5, §3.4.13), and builds a VTIMEZONE from
/// them. Understood observance rules: DTSTART, RDATE, and yearly RRULEs (FREQ=YEARLY, or MONTHLY with
/// an INTERVAL that is a multiple of 12) with BYMONTH plus BYDAY ("-1SU") and/or BYMONTHDAY; anything
/// else counts as its DTSTART only (best effort, see docs/calendar.md).
/// </summary>
public sealed class CalendarTimeZone
{
    private static readonly string[] WeekDays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
    private readonly List<Observance> observances;

    private CalendarTimeZone(string tzId, List<Observance> observances)
    {
        TzId = tzId;
        this.observances = observances;
    }

    public string TzId { get; }

    /// <summary>Reads a VTIMEZONE component; observances it cannot read are skipped.</summary>
    public static CalendarTimeZone FromComponent(CalendarComponent vtimezone)
    {
        ArgumentNullException.ThrowIfNull(vtimezone);
        var list = new List<Observance>();
        foreach (var c in vtimezone.Components)
        {
            if (c.Name is not ("STANDARD" or "DAYLIGHT"))
            {
                continue;
            }

            var start = c.DtStart;
            var from = UtcOffset.TryParse(c.Get("TZOFFSETFROM")?.Value);
            var to = UtcOffset.TryParse(c.Get("TZOFFSETTO")?.Value);
            if (start is null || to is null)
            {
                continue;
            }

            RecurrenceRule? rule = null;
            try
            {
                rule = c.RecurrenceRule;
            }
            catch (PimFormatException)
            {
            }

            var rdates = c.GetAll("RDATE")
                .SelectMany(p => p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(v => CalendarDateTime.TryParse(v))
                .Where(d => d is not null)
                .Select(d => d!.Value)
                .ToList();
            list.Add(new Observance(c.Name == "DAYLIGHT", start.Value, from ?? to.Value, to.Value, c.GetText("TZNAME"), rule, rdates));
        }

        return new CalendarTimeZone(vtimezone.Get("TZID")?.Value ?? string.Empty, list);
    }

    /// <summary>
    /// Builds a VTIMEZONE from vCalendar 1.0 TZ and DAYLIGHT values (§3.4.13 "TZ:+01:00", §3.4.5
    /// "DAYLIGHT:TRUE;+02;20060326T020000;20061029T030000;CET;CEST"): one STANDARD observance for TZ and a
    /// DAYLIGHT/STANDARD pair per DAYLIGHT value. The TZID is "STD/DST" from the names, else "UTC+hh:mm".
    /// Returns null without a usable TZ.
    /// </summary>
    public static CalendarComponent? FromVCalendar(string? tz, IEnumerable<string> daylight, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var std = UtcOffset.TryParse(tz);
        if (std is null)
        {
            if (compliance == ParserCompliance.Strict && tz is not null)
            {
                throw new PimFormatException($"Invalid vCalendar 1.0 TZ value '{tz}'.");
            }

            return null;
        }

        var rows = new List<(TimeSpan Dst, DateTime Start, DateTime End, string StdName, string DstName)>();
        foreach (var value in daylight)
        {
            var f = CalendarText.SplitRaw(value, ';').Select(x => x.Trim()).ToList();
            if (f.Count > 0 && f[0].Equals("FALSE", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var dst = f.Count >= 4 && f[0].Equals("TRUE", StringComparison.OrdinalIgnoreCase) ? UtcOffset.TryParse(f[1]) : null;
            var start = dst is null ? null : CalendarDateTime.TryParse(f[2], null, compliance);
            var end = dst is null ? null : CalendarDateTime.TryParse(f[3], null, compliance);
            if (dst is null || start is null || end is null)
            {
                if (compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException($"Invalid vCalendar 1.0 DAYLIGHT value '{value}'.");
                }

                continue;
            }

            // A UTC transition time becomes the wall clock in force just before it, as VTIMEZONE wants.
            var s = start.Kind == CalendarDateTimeKind.Utc ? start.Value + std.Value : start.Value;
            var e = end.Kind == CalendarDateTimeKind.Utc ? end.Value + dst.Value : end.Value;
            rows.Add((dst.Value, s, e, f.Count > 4 ? f[4] : string.Empty, f.Count > 5 ? f[5] : string.Empty));
        }

        var stdName = rows.Select(r => r.StdName).FirstOrDefault(n => n.Length > 0);
        var dstName = rows.Select(r => r.DstName).FirstOrDefault(n => n.Length > 0);
        var tzId = stdName is not null && dstName is not null ? stdName + "/" + dstName : "UTC" + UtcOffset.FormatVCalendar(std.Value);
        var vtz = new CalendarComponent("VTIMEZONE");
        vtz.Properties.Add(new CalendarProperty("TZID", tzId));
        vtz.Components.Add(MakeObservance("STANDARD", new DateTime(1970, 1, 1), std.Value, std.Value, stdName));
        foreach (var r in rows)
        {
            vtz.Components.Add(MakeObservance("DAYLIGHT", r.Start, std.Value, r.Dst, r.DstName));
            vtz.Components.Add(MakeObservance("STANDARD", r.End, r.Dst, std.Value, r.StdName));
        }

        return vtz;
    }

    /// <summary>The UTC offset in force at a wall-clock time of this zone.</summary>
    public TimeSpan GetUtcOffset(DateTime local)
    {
        DateTime? best = null;
        TimeSpan offset = TimeSpan.Zero;
        foreach (var (onset, o) in OnsetsAround(local.Year))
        {
            if (onset <= local && (best is null || onset > best))
            {
                best = onset;
                offset = o.To;
            }
        }

        if (best is null && observances.Count > 0)
        {
            offset = observances.MinBy(o => o.Start)!.From;
        }

        return offset;
    }

    /// <summary>Wall-clock time of this zone to UTC.</summary>
    public DateTime ToUtc(DateTime local) => local - GetUtcOffset(local);

    /// <summary>
    /// vCalendar 1.0 TZ and DAYLIGHT values for the given years, plus every year in which a DAYLIGHT
    /// observance without RRULE has an onset (so a zone made by <see cref="FromVCalendar"/> comes back whole).
    /// A zone without DAYLIGHT observances gives "DAYLIGHT:FALSE".
    /// </summary>
    public (string Tz, List<string> Daylight) ToVCalendar(IEnumerable<int> years)
    {
        var set = new SortedSet<int>(years);
        foreach (var o in observances.Where(o => o.IsDaylight && o.Rule is null))
        {
            set.Add(o.Start.Year);
            foreach (var r in o.RDates)
            {
                set.Add(r.Year);
            }
        }

        var refYear = set.Count > 0 ? set.Min : 1970;
        var std = observances.Where(o => !o.IsDaylight)
            .SelectMany(o => Onsets(o, refYear).Concat(Onsets(o, refYear - 1)).Concat(o.Start.Year <= refYear ? [o.Start] : []).Select(d => (d, o)))
            .Where(x => x.d.Year <= refYear)
            .OrderBy(x => x.d)
            .Select(x => (TimeSpan?)x.o.To)
            .LastOrDefault() ?? GetUtcOffset(new DateTime(refYear, 1, 1));
        var stdName = observances.FirstOrDefault(o => !o.IsDaylight && !string.IsNullOrEmpty(o.Name))?.Name ?? string.Empty;
        var rows = new List<string>();
        if (!observances.Any(o => o.IsDaylight))
        {
            rows.Add("FALSE");
            return (UtcOffset.FormatVCalendar(std), rows);
        }

        foreach (var year in set)
        {
            foreach (var o in observances.Where(o => o.IsDaylight))
            {
                foreach (var onset in Onsets(o, year))
                {
                    var end = observances.Where(s => !s.IsDaylight)
                        .SelectMany(s => Onsets(s, year).Concat(Onsets(s, year + 1)))
                        .Where(d => d > onset)
                        .Order()
                        .Cast<DateTime?>()
                        .FirstOrDefault();
                    if (end is null)
                    {
                        continue;
                    }

                    rows.Add(string.Join(
                        ';',
                        "TRUE",
                        UtcOffset.FormatVCalendar(o.To),
                        onset.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
                        end.Value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
                        stdName,
                        o.Name ?? string.Empty));
                }
            }
        }

        return (UtcOffset.FormatVCalendar(std), rows);
    }

    private static CalendarComponent MakeObservance(string name, DateTime start, TimeSpan from, TimeSpan to, string? tzName)
    {
        var c = new CalendarComponent(name);
        c.Properties.Add(new CalendarProperty("DTSTART", start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)));
        c.Properties.Add(new CalendarProperty("TZOFFSETFROM", UtcOffset.FormatICalendar(from)));
        c.Properties.Add(new CalendarProperty("TZOFFSETTO", UtcOffset.FormatICalendar(to)));
        if (!string.IsNullOrEmpty(tzName))
        {
            c.Properties.Add(new CalendarProperty("TZNAME", CalendarText.Escape(tzName)));
        }

        return c;
    }

    private static IEnumerable<DateTime> Onsets(Observance o, int year)
    {
        if (year is < 1 or > 9998)
        {
            yield break;
        }

        foreach (var r in o.RDates.Where(r => r.Year == year))
        {
            yield return r;
        }

        if (o.Rule is null || year < o.Start.Year)
        {
            if (o.Start.Year == year)
            {
                yield return o.Start;
            }

            yield break;
        }

        var rule = o.Rule;
        var step = rule.Frequency switch
        {
            "YEARLY" => rule.Interval,
            "MONTHLY" when rule.Interval % 12 == 0 => rule.Interval / 12,
            _ => 0,
        };
        if (step == 0)
        {
            if (o.Start.Year == year)
            {
                yield return o.Start;
            }

            yield break;
        }

        if ((year - o.Start.Year) % step != 0 || (rule.Count is { } count && (year - o.Start.Year) / step >= count))
        {
            yield break;
        }

        var month = rule.ByMonth.Count > 0 && int.TryParse(rule.ByMonth[0], CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? m : o.Start.Month;
        var day = DayInMonth(rule, year, month, o.Start.Day);
        if (day is null)
        {
            yield break;
        }

        var onset = new DateTime(year, month, day.Value) + o.Start.TimeOfDay;
        if (rule.Until is { } until && CalendarDateTime.TryParse(until) is { } u && onset > u.Value + (u.IsDate ? TimeSpan.FromDays(1) : TimeSpan.Zero))
        {
            yield break;
        }

        yield return onset;
    }

    private static int? DayInMonth(RecurrenceRule rule, int year, int month, int defaultDay)
    {
        var days = DateTime.DaysInMonth(year, month);
        var monthDays = rule.ByMonthDay.Select(d => int.TryParse(d, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Select(n => n < 0 ? days + n + 1 : n).Where(n => n >= 1 && n <= days).ToList();
        if (rule.ByDay.Count == 0)
        {
            return monthDays.Count > 0 ? monthDays[0] : Math.Min(defaultDay, days);
        }

        var byDay = rule.ByDay[0];
        var wd = Array.IndexOf(WeekDays, byDay.Length >= 2 ? byDay[^2..] : byDay);
        if (wd < 0)
        {
            return null;
        }

        var candidates = Enumerable.Range(1, days).Where(d => (int)new DateTime(year, month, d).DayOfWeek == wd).ToList();
        if (monthDays.Count > 0)
        {
            return candidates.Cast<int?>().FirstOrDefault(d => monthDays.Contains(d!.Value));
        }

        if (!int.TryParse(byDay[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nth) || nth == 0)
        {
            return candidates[0];
        }

        var index = nth > 0 ? nth - 1 : candidates.Count + nth;
        return index >= 0 && index < candidates.Count ? candidates[index] : null;
    }

    private IEnumerable<(DateTime Onset, Observance O)> OnsetsAround(int year) =>
        observances.SelectMany(o => Onsets(o, year).Concat(Onsets(o, year - 1)).Select(d => (d, o)))
            .Concat(observances.Where(o => o.Start.Year < year - 1 && (o.Rule is null || Onsets(o, year).Concat(Onsets(o, year - 1)).Any() == false))
                .Select(o => (o.Start, o)));

    private sealed record Observance(bool IsDaylight, DateTime Start, TimeSpan From, TimeSpan To, string? Name, RecurrenceRule? Rule, List<DateTime> RDates);
}
