using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>
/// Turns a copy of a model document into vCalendar 1.0 semantics (values in 1.0 text form, before
/// quoted-printable encoding). What 1.0 cannot carry is dropped or approximated as docs/calendar.md lists.
/// </summary>
internal static class VCalendarExport
{
    public static CalendarDocument Apply(CalendarDocument source)
    {
        var doc = (CalendarDocument)source.Clone();
        var zones = doc.TimeZones.Select(CalendarTimeZone.FromComponent).ToList();
        var items = doc.Items.ToList();

        // vCalendar 1.0 has one zone per object (TZ/DAYLIGHT): take the zone of the first zoned start,
        // write other zones' times in UTC.
        var zoneId = items.Select(i => i.GetDate("DTSTART") ?? i.GetDate("DUE")).FirstOrDefault(d => d?.TzId is { } id && zones.Any(z => z.TzId == id))?.TzId
            ?? zones.FirstOrDefault()?.TzId;
        var zone = zones.FirstOrDefault(z => z.TzId == zoneId);
        var years = new SortedSet<int>();
        foreach (var item in items)
        {
            ConvertItem(item, zone, zones, years);
        }

        doc.Components.RemoveAll(c => c.Name == "VTIMEZONE");
        doc.Properties.RemoveAll(p => p.Name is "VERSION" or "CALSCALE");
        var head = new List<CalendarProperty> { new("VERSION", "1.0") };
        if (zone is not null)
        {
            var (tz, daylight) = zone.ToVCalendar(years);
            head.Add(new CalendarProperty("TZ", tz));
            head.AddRange(daylight.Select(d => new CalendarProperty("DAYLIGHT", d)));
        }

        EncodeText(doc);
        doc.Properties.InsertRange(0, head);
        return doc;
    }

    private static void ConvertItem(CalendarComponent item, CalendarTimeZone? zone, List<CalendarTimeZone> zones, SortedSet<int> years)
    {
        var allDay = item.IsAllDay;
        if (item.Get("DURATION") is { } duration && item.DtStart is { } s && item.GetDate("DTEND") is null && item.GetDate("DUE") is null)
        {
            try
            {
                var end = s.WithValue(s.Value + CalendarDuration.Parse(duration.Value));
                item.SetDate(item.Name == "VTODO" ? "DUE" : "DTEND", end);
                item.Properties.Remove(duration);
            }
            catch (PimFormatException)
            {
            }
        }

        foreach (var p in item.Properties.ToList())
        {
            if (CalendarDates.DateProperties.Contains(p.Name))
            {
                ConvertDates(item, p, allDay, zone, zones, years);
            }
        }

        var alarms = item.Components.Where(c => c.Name == "VALARM").ToList();
        item.Components.RemoveAll(c => c.Name == "VALARM");
        var converted = new List<CalendarProperty>();
        foreach (var p in item.Properties)
        {
            switch (p.Name)
            {
                case "CREATED":
                    converted.Add(new CalendarProperty("DCREATED", p.Value, p.Parameters));
                    continue;
                case "RRULE" or "EXRULE":
                    string? rule = null;
                    try
                    {
                        rule = VCalendarRecurrence.ToVCalendar(p.Value);
                    }
                    catch (PimFormatException)
                    {
                    }

                    if (rule is not null)
                    {
                        converted.Add(new CalendarProperty(p.Name, rule));
                    }

                    continue;
                case "X-VCAL-RRULE" or "X-VCAL-EXRULE":
                    converted.Add(new CalendarProperty(p.Name[7..], p.Value, p.Parameters));
                    continue;
                case "STATUS":
                    // RFC 5545 §3.8.1.11 → vCalendar 1.0 §3.6.22: IN-PROCESS and CANCELLED have no 1.0 twin.
                    p.Value = p.Value.Trim().ToUpperInvariant() switch
                    {
                        "NEEDS-ACTION" or "IN-PROCESS" => "NEEDS ACTION",
                        "CANCELLED" => "DECLINED",
                        var v => v,
                    };
                    break;
                case "X-VCAL-STATUS":
                    if (item.Get("STATUS") is null)
                    {
                        converted.Add(new CalendarProperty("STATUS", CalendarText.Unescape(p.Value)));
                    }

                    continue;
                case "PRIORITY" when int.TryParse(p.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var prio):
                    p.Value = VCalendarMapping.PriorityToVCalendar(prio).ToString(CultureInfo.InvariantCulture);
                    break;
                case "TRANSP":
                    p.Value = p.Value.Trim().ToUpperInvariant() switch { "OPAQUE" => "0", "TRANSPARENT" => "1", var v => v };
                    break;
                case "ATTENDEE":
                    ConvertAttendee(p);
                    break;
            }

            converted.Add(p);
        }

        item.Properties.Clear();
        item.Properties.AddRange(converted);
        foreach (var alarm in alarms)
        {
            if (ConvertAlarm(item, alarm, zones) is { } prop)
            {
                item.Properties.Add(prop);
            }
        }
    }

    private static void ConvertDates(CalendarComponent item, CalendarProperty p, bool allDay, CalendarTimeZone? zone, List<CalendarTimeZone> zones, SortedSet<int> years)
    {
        var tzId = p.GetParameter("TZID");
        var values = new List<string>();
        foreach (var raw in p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (CalendarDateTime.TryParse(raw, tzId) is not { } d)
            {
                values.Add(raw);
                continue;
            }

            if (d.IsDate)
            {
                // vCalendar 1.0 has no DATE value type (§2.1.5): all-day events run from T000000 to T235959
                // of their last day; other dates are written as ISO 8601 basic dates.
                // A DATE exception of a timed series (Google writes these) means the occurrence on that day.
                var start = p.Name is "EXDATE" or "RDATE" or "RECURRENCE-ID" && !allDay ? item.GetDate("DTSTART") : null;
                values.Add(p.Name switch
                {
                    "DTEND" when item.Name == "VEVENT" => d.Value.AddDays(-1).ToString("yyyyMMdd'T'235959", CultureInfo.InvariantCulture),
                    _ when start is not null && !start.IsDate =>
                        new CalendarDateTime(d.Value + start.Value.TimeOfDay, start.Kind == CalendarDateTimeKind.Utc ? CalendarDateTimeKind.Utc : CalendarDateTimeKind.Floating).Format(),
                    "DTSTART" or "EXDATE" or "RDATE" or "RECURRENCE-ID" => d.Value.ToString("yyyyMMdd'T'000000", CultureInfo.InvariantCulture),
                    _ => d.Format(),
                });
                continue;
            }

            if (d.Kind == CalendarDateTimeKind.Zoned)
            {
                if (zone is not null && d.TzId == zone.TzId)
                {
                    d = CalendarDateTime.Floating(d.Value);
                    years.Add(d.Value.Year);
                }
                else if (zones.FirstOrDefault(z => z.TzId == d.TzId) is { } other)
                {
                    d = CalendarDateTime.Utc(other.ToUtc(d.Value));
                }
                else
                {
                    d = CalendarDateTime.Floating(d.Value);
                }
            }

            values.Add(d.Format());
        }

        p.SetParameter("TZID", null);
        p.SetParameter("VALUE", null);
        p.Value = string.Join(VCalendarMapping.DateLists.Contains(p.Name) ? ";" : ",", values);
        if (p.Name == "DTSTART" && allDay && item.Name == "VEVENT" && item.Get("DTEND") is null)
        {
            item.Properties.Add(new CalendarProperty("DTEND", values[0][..8] + "T235959"));
        }
    }

    private static void ConvertAttendee(CalendarProperty p)
    {
        if (p.Value.StartsWith("MAILTO:", StringComparison.OrdinalIgnoreCase))
        {
            p.Value = p.Value[7..];
        }

        var converted = new List<CalendarParameter>();
        foreach (var par in p.Parameters)
        {
            switch (par.Name)
            {
                case "PARTSTAT":
                    var status = VCalendarMapping.PartStat.FirstOrDefault(kv => kv.Value.Equals(par.Value, StringComparison.OrdinalIgnoreCase)).Key;
                    converted.Add(new CalendarParameter("STATUS", status ?? (par.Value.Equals("IN-PROCESS", StringComparison.OrdinalIgnoreCase) ? "NEEDS ACTION" : par.Value)));
                    break;
                case "ROLE":
                    var expect = VCalendarMapping.Expect.FirstOrDefault(kv => kv.Value.Equals(par.Value, StringComparison.OrdinalIgnoreCase)).Key;
                    converted.Add(new CalendarParameter("EXPECT", expect ?? "REQUIRE"));
                    break;
                case "RSVP":
                    converted.Add(new CalendarParameter("RSVP", par.Value.Equals("TRUE", StringComparison.OrdinalIgnoreCase) ? "YES" : "NO"));
                    break;
                case "X-VCAL-STATUS" or "X-VCAL-EXPECT" or "X-VCAL-ROLE":
                    converted.Add(new CalendarParameter(par.Name[7..], par.Values));
                    break;
                default:
                    converted.Add(par);
                    break;
            }
        }

        p.Parameters.Clear();
        p.Parameters.AddRange(converted);
    }

    /// <summary>VALARM (RFC 5545 §3.6.6) → vCalendar 1.0 §3.6.x "runTime;snoozeTime;repeatCount;content".</summary>
    private static CalendarProperty? ConvertAlarm(CalendarComponent item, CalendarComponent alarm, List<CalendarTimeZone> zones)
    {
        var action = alarm.Get("ACTION")?.Value.Trim().ToUpperInvariant();
        var name = VCalendarMapping.AlarmActions.FirstOrDefault(kv => kv.Value == action).Key;
        var trigger = alarm.Get("TRIGGER");
        if (name is null || trigger is null)
        {
            return null;
        }

        CalendarDateTime? run;
        if (string.Equals(trigger.GetParameter("VALUE"), "DATE-TIME", StringComparison.OrdinalIgnoreCase)
            || (trigger.Value.Length > 0 && char.IsAsciiDigit(trigger.Value[0])))
        {
            run = CalendarDateTime.TryParse(trigger.Value, trigger.GetParameter("TZID"));
            if (run?.Kind == CalendarDateTimeKind.Zoned)
            {
                run = zones.FirstOrDefault(z => z.TzId == run.TzId) is { } z ? CalendarDateTime.Utc(z.ToUtc(run.Value)) : CalendarDateTime.Floating(run.Value);
            }
        }
        else
        {
            var end = string.Equals(trigger.GetParameter("RELATED"), "END", StringComparison.OrdinalIgnoreCase);
            var anchor = end ? item.GetDate("DTEND") ?? item.GetDate("DUE") : item.GetDate("DTSTART");
            TimeSpan offset;
            try
            {
                offset = CalendarDuration.Parse(trigger.Value);
            }
            catch (PimFormatException)
            {
                return null;
            }

            run = anchor is null ? null : anchor.WithValue(anchor.Value + offset);
        }

        if (run is null)
        {
            return null;
        }

        var snooze = string.Empty;
        var repeat = "0";
        if (alarm.Get("DURATION") is { } d && alarm.Get("REPEAT") is { } r)
        {
            snooze = d.Value;
            repeat = r.Value;
        }

        var fields = new List<string> { run.Format(), snooze, repeat };
        var prop = new CalendarProperty(name, string.Empty);
        switch (name)
        {
            case "DALARM":
                fields.Add(VCalendarText.Encode(alarm.GetText("DESCRIPTION") ?? string.Empty));
                break;
            case "MALARM":
                var to = alarm.Get("ATTENDEE")?.Value ?? string.Empty;
                fields.Add(to.StartsWith("MAILTO:", StringComparison.OrdinalIgnoreCase) ? to[7..] : to);
                fields.Add(VCalendarText.Encode(alarm.GetText("DESCRIPTION") ?? string.Empty));
                break;
            default:
                if (alarm.Get("ATTACH") is { } attach)
                {
                    fields.Add(attach.Value.Replace(";", "\\;", StringComparison.Ordinal));
                    foreach (var par in attach.Parameters.Where(x => x.Name.StartsWith("X-VCAL-", StringComparison.Ordinal)))
                    {
                        prop.Parameters.Add(new CalendarParameter(par.Name[7..], par.Values));
                    }
                }

                break;
        }

        prop.Value = string.Join(';', fields);
        prop.SetParameter("VCAL-RAW", "1");
        return prop;
    }

    /// <summary>RFC 5545 TEXT → vCalendar 1.0 text for the document and its items.</summary>
    private static void EncodeText(CalendarComponent c)
    {
        foreach (var p in c.Properties)
        {
            if (p.GetParameter("VCAL-RAW") is not null)
            {
                p.SetParameter("VCAL-RAW", null);
            }
            else if (p.Name == "GEO" && p.Value.Split(';') is [var lat, var lon])
            {
                // RFC 5545 §3.8.1.6 "lat;lon" is vCalendar 1.0 GEO "lat,lon" (like vCard 2.1 §2.4.2).
                p.Value = lat.Trim() + "," + lon.Trim();
            }
            else if (VCalendarMapping.TextLists.Contains(p.Name))
            {
                p.Value = string.Join(';', CalendarText.SplitList(p.Value).Select(VCalendarText.Encode));
            }
            else if (!VCalendarMapping.NonText.Contains(p.Name))
            {
                p.Value = VCalendarText.Encode(CalendarText.Unescape(p.Value));
            }
        }

        foreach (var child in c.Components)
        {
            EncodeText(child);
        }
    }
}
