using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>
/// Turns a document read from vCalendar 1.0 (values already quoted-printable and charset decoded, 1.0
/// escaping still in place) into the iCalendar 2.0 semantics of the model. Every mapping is listed in
/// docs/calendar.md.
/// </summary>
internal static class VCalendarImport
{
    public static void Apply(CalendarDocument doc, ParserCompliance compliance)
    {
        // vCalendar 1.0 §3.4.13/§3.4.5: TZ and DAYLIGHT anchor the object's local times.
        var tz = doc.Get("TZ")?.Value;
        var daylight = doc.GetAll("DAYLIGHT").Select(p => p.Value).ToList();
        var vtimezone = tz is null ? null : CalendarTimeZone.FromVCalendar(tz, daylight, compliance);
        doc.Properties.RemoveAll(p => p.Name is "TZ" or "DAYLIGHT");
        doc.SetRaw("VERSION", "2.0");
        ConvertProperties(doc);
        string? tzId = null;
        if (vtimezone is not null)
        {
            tzId = vtimezone.Get("TZID")!.Value;
            doc.Components.Insert(0, vtimezone);
        }

        foreach (var item in doc.Components.ToList())
        {
            if (item != vtimezone)
            {
                ConvertItem(item, tzId, vtimezone is null ? null : CalendarTimeZone.FromComponent(vtimezone), compliance);
            }
        }
    }

    private static void ConvertItem(CalendarComponent item, string? tzId, CalendarTimeZone? zone, ParserCompliance compliance)
    {
        foreach (var p in item.Properties)
        {
            if (CalendarDates.DateProperties.Contains(p.Name))
            {
                var items = CalendarText.SplitRaw(p.Value, VCalendarMapping.DateLists.Contains(p.Name) ? ';' : '\u0000')
                    .SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
                var dates = new List<CalendarDateTime>();
                foreach (var v in items)
                {
                    var d = compliance == ParserCompliance.Strict ? CalendarDateTime.Parse(v, null, compliance) : CalendarDateTime.TryParse(v);
                    if (d is not null)
                    {
                        dates.Add(d);
                    }
                }

                if (dates.Count == 0)
                {
                    continue;
                }

                if (tzId is not null && CalendarDates.ZonableProperties.Contains(p.Name) && dates.All(d => d.Kind == CalendarDateTimeKind.Floating))
                {
                    p.SetParameter("TZID", tzId);
                }

                p.Value = string.Join(',', dates.Select(d => d.Format()));
            }
        }

        ConvertAllDay(item);
        var allDay = item.IsAllDay;
        var converted = new List<CalendarProperty>();
        var alarms = new List<CalendarComponent>();
        foreach (var p in item.Properties)
        {
            switch (p.Name)
            {
                case "DCREATED":
                    // vCalendar 1.0 §3.6.4 DCREATED is RFC 5545 §3.8.7.1 CREATED.
                    converted.Add(Rename(p, "CREATED"));
                    continue;
                case "RRULE" or "EXRULE":
                    try
                    {
                        p.Value = VCalendarRecurrence.ToICalendar(p.Value, allDay, compliance);
                        converted.Add(p);
                    }
                    catch (PimFormatException) when (compliance == ParserCompliance.Loose)
                    {
                        converted.Add(Rename(p, "X-VCAL-" + p.Name));
                    }

                    continue;
                case "AALARM" when EchoesDisplayAlarm(item, p):
                    continue;
                case "AALARM" or "DALARM" or "PALARM" or "MALARM":
                    if (ConvertAlarm(item, p, zone, compliance) is { } alarm)
                    {
                        alarms.Add(alarm);
                    }

                    continue;
                case "STATUS":
                    converted.Add(ConvertStatus(item.Name, p));
                    continue;
                case "PRIORITY" when int.TryParse(p.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var prio):
                    p.Value = VCalendarMapping.PriorityToICalendar(prio).ToString(CultureInfo.InvariantCulture);
                    break;
                case "TRANSP":
                    // vCalendar 1.0 §3.6.24: 0 = opaque (blocks time), 1 = transparent.
                    p.Value = p.Value.Trim() switch { "0" => "OPAQUE", "1" => "TRANSPARENT", var v => v };
                    break;
                case "ATTENDEE":
                    ConvertAttendee(p);
                    break;
            }

            converted.Add(p);
        }

        item.Properties.Clear();
        item.Properties.AddRange(converted);
        ConvertProperties(item);
        item.Components.AddRange(alarms);
    }

    /// <summary>TEXT escaping 1.0 → RFC 5545 for every TEXT property of a component (not its children).</summary>
    private static void ConvertProperties(CalendarComponent c)
    {
        foreach (var p in c.Properties)
        {
            if (p.Name == "GEO" && p.Value.Trim().TrimEnd(';').Split(',') is [var lat, var lon])
            {
                // vCalendar 1.0 GEO "lat,lon" (like vCard 2.1 §2.4.2) is RFC 5545 §3.8.1.6 "lat;lon".
                p.Value = lat.Trim() + ";" + lon.Trim();
            }
            else if (VCalendarMapping.TextLists.Contains(p.Name))
            {
                p.Value = string.Join(',', CalendarText.SplitRaw(p.Value, ';').Select(v => CalendarText.Escape(VCalendarText.Decode(v).Trim())));
            }
            else if (!VCalendarMapping.NonText.Contains(p.Name) && !p.Name.StartsWith("X-VCAL-", StringComparison.Ordinal))
            {
                p.Value = CalendarText.Escape(VCalendarText.Decode(p.Value));
            }
        }
    }

    /// <summary>
    /// vCalendar 1.0 has no DATE value: all-day events are written as DTSTART T000000 with DTEND T235959
    /// (same or a later day), T240000 or the next day's T000000. They become VALUE=DATE with an exclusive
    /// DTEND (RFC 5545 §3.6.1).
    /// </summary>
    private static void ConvertAllDay(CalendarComponent item)
    {
        if (item.Name != "VEVENT" || item.DtStart is not { } start || item.DtEnd is not { } end
            || start.IsDate || start.Value.TimeOfDay != TimeSpan.Zero || start.Kind != end.Kind || end.Value <= start.Value)
        {
            return;
        }

        DateTime endDate;
        if (end.Value.TimeOfDay == TimeSpan.Zero)
        {
            endDate = end.Value.Date;
        }
        else if (end.Value.TimeOfDay == new TimeSpan(23, 59, 59) || end.Value.TimeOfDay == new TimeSpan(23, 59, 0))
        {
            endDate = end.Value.Date.AddDays(1);
        }
        else
        {
            return;
        }

        item.DtStart = new CalendarDateTime(start.Value, CalendarDateTimeKind.Date);
        item.DtEnd = new CalendarDateTime(endDate, CalendarDateTimeKind.Date);
        foreach (var p in item.Properties.Where(p => p.Name is "EXDATE" or "RDATE" or "RECURRENCE-ID").ToList())
        {
            var dates = p.Value.Split(',').Select(v => CalendarDateTime.TryParse(v)).ToList();
            if (dates.All(d => d is not null && d.Value.TimeOfDay == TimeSpan.Zero))
            {
                p.Value = string.Join(',', dates.Select(d => new CalendarDateTime(d!.Value, CalendarDateTimeKind.Date).Format()));
                p.SetParameter("TZID", null);
                p.SetParameter("VALUE", "DATE");
            }
        }
    }

    private static CalendarProperty ConvertStatus(string component, CalendarProperty p)
    {
        // vCalendar 1.0 §3.6.22 STATUS values ⇄ RFC 5545 §3.8.1.11; 1.0 values without a 2.0 meaning in
        // this component are kept as X-VCAL-STATUS so that a 1.0 round trip gives them back.
        var v = p.Value.Trim().ToUpperInvariant();
        string? mapped = (component, v) switch
        {
            ("VTODO", "NEEDS ACTION" or "NEEDS-ACTION") => "NEEDS-ACTION",
            ("VTODO", "COMPLETED") => "COMPLETED",
            ("VTODO", "IN-PROCESS" or "CANCELLED") => v,
            ("VEVENT", "TENTATIVE" or "CONFIRMED" or "CANCELLED") => v,
            ("VJOURNAL", "DRAFT" or "FINAL" or "CANCELLED") => v,
            _ => null,
        };
        if (mapped is null)
        {
            var x = Rename(p, "X-VCAL-STATUS");
            x.Value = CalendarText.Escape(p.Value);
            return x;
        }

        p.Value = mapped;
        return p;
    }

    private static void ConvertAttendee(CalendarProperty p)
    {
        // vCalendar 1.0 §3.6.1 ATTENDEE: the value is an address, ROLE/STATUS/RSVP/EXPECT parameters.
        var value = p.Value.Trim();
        if (value.Contains('@', StringComparison.Ordinal) && !value.Contains(':', StringComparison.Ordinal))
        {
            p.Value = "MAILTO:" + value;
        }

        var converted = new List<CalendarParameter>();
        foreach (var par in p.Parameters)
        {
            switch (par.Name)
            {
                case "STATUS":
                    converted.Add(VCalendarMapping.PartStat.TryGetValue(par.Value, out var ps)
                        ? new CalendarParameter("PARTSTAT", ps)
                        : new CalendarParameter("X-VCAL-STATUS", par.Value));
                    break;
                case "EXPECT":
                    converted.Add(VCalendarMapping.Expect.TryGetValue(par.Value, out var role)
                        ? new CalendarParameter("ROLE", role)
                        : new CalendarParameter("X-VCAL-EXPECT", par.Value));
                    break;
                case "ROLE":
                    converted.Add(new CalendarParameter("X-VCAL-ROLE", par.Value));
                    break;
                case "RSVP":
                    converted.Add(new CalendarParameter("RSVP", par.Value.Equals("YES", StringComparison.OrdinalIgnoreCase) || par.Value.Equals("TRUE", StringComparison.OrdinalIgnoreCase) ? "TRUE" : "FALSE"));
                    break;
                default:
                    converted.Add(par);
                    break;
            }
        }

        p.Parameters.Clear();
        p.Parameters.AddRange(converted);
    }

    /// <summary>
    /// An AALARM at the run time of a DALARM, sounding nothing or the DALARM's text, is the sound of that display alarm,
    /// not an alarm of its own: 1.0 devices (SyncEvolution's vCalendar 1.0 profile) write every alarm as both lines.
    /// vCalendar 1.0 §3.6.x: AALARM content is an audio file, DALARM content the text to display.
    /// </summary>
    private static bool EchoesDisplayAlarm(CalendarComponent item, CalendarProperty audio)
    {
        var a = CalendarText.SplitRaw(audio.Value, ';');
        var sound = a.Count > 3 ? a[3].Trim() : string.Empty;
        return item.Properties.Any(p => p.Name == "DALARM" && CalendarText.SplitRaw(p.Value, ';') is var d
            && d[0].Trim() == a[0].Trim() && (sound.Length == 0 || (d.Count > 3 && d[3].Trim() == sound)));
    }

    /// <summary>
    /// vCalendar 1.0 §3.6.x AALARM/DALARM/PALARM/MALARM "runTime;snoozeTime;repeatCount;content[;note]" →
    /// VALARM (RFC 5545 §3.6.6). The absolute run time becomes a trigger relative to DTSTART (or DUE)
    /// when both are comparable, which is what 2.0 clients show and what a 1.0 round trip reproduces.
    /// </summary>
    private static CalendarComponent? ConvertAlarm(CalendarComponent item, CalendarProperty p, CalendarTimeZone? zone, ParserCompliance compliance)
    {
        var f = CalendarText.SplitRaw(p.Value, ';');
        var run = CalendarDateTime.TryParse(f[0].Trim());
        if (run is null)
        {
            if (compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException($"Invalid {p.Name} run time '{f[0]}'.");
            }

            return null;
        }

        var alarm = new CalendarComponent("VALARM");
        alarm.Properties.Add(new CalendarProperty("ACTION", VCalendarMapping.AlarmActions[p.Name]));
        var (baseName, related) = item.GetDate("DTSTART") is not null ? ("DTSTART", "START") : ("DUE", "END");
        var anchor = item.GetDate(baseName);
        if (anchor is not null && (anchor.IsDate || anchor.Kind == run.Kind || (anchor.Kind == CalendarDateTimeKind.Zoned && run.Kind == CalendarDateTimeKind.Floating)))
        {
            var trigger = new CalendarProperty("TRIGGER", CalendarDuration.Format(run.Value - anchor.Value));
            trigger.Parameters.Add(new CalendarParameter("VALUE", "DURATION"));
            trigger.Parameters.Add(new CalendarParameter("RELATED", related));
            alarm.Properties.Add(trigger);
        }
        else
        {
            var utc = run.Kind == CalendarDateTimeKind.Floating && zone is not null ? CalendarDateTime.Utc(zone.ToUtc(run.Value)) : run;
            var trigger = new CalendarProperty("TRIGGER", utc.Format());
            trigger.Parameters.Add(new CalendarParameter("VALUE", "DATE-TIME"));
            alarm.Properties.Add(trigger);
        }

        var snooze = f.Count > 1 ? f[1].Trim() : string.Empty;
        var repeat = f.Count > 2 && int.TryParse(f[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        if (snooze.Length > 0 && repeat > 0)
        {
            try
            {
                alarm.Properties.Add(new CalendarProperty("DURATION", CalendarDuration.Format(CalendarDuration.Parse(snooze))));
                alarm.Properties.Add(new CalendarProperty("REPEAT", repeat.ToString(CultureInfo.InvariantCulture)));
            }
            catch (PimFormatException) when (compliance == ParserCompliance.Loose)
            {
            }
        }

        var content = f.Count > 3 ? f[3] : string.Empty;
        switch (p.Name)
        {
            case "DALARM":
                alarm.Properties.Add(new CalendarProperty("DESCRIPTION", CalendarText.Escape(VCalendarText.Decode(content))));
                break;
            case "MALARM":
                alarm.Properties.Add(new CalendarProperty("ATTENDEE", content.Trim().Length > 0 ? "MAILTO:" + content.Trim() : string.Empty));
                alarm.Properties.Add(new CalendarProperty("DESCRIPTION", CalendarText.Escape(VCalendarText.Decode(f.Count > 4 ? f[4] : string.Empty))));
                alarm.Properties.Add(new CalendarProperty("SUMMARY", CalendarText.Escape(item.Summary ?? string.Empty)));
                break;
            default:
                if (content.Length > 0)
                {
                    var attach = new CalendarProperty("ATTACH", content.Replace("\\;", ";", StringComparison.Ordinal));
                    foreach (var par in p.Parameters)
                    {
                        attach.Parameters.Add(new CalendarParameter("X-VCAL-" + par.Name, par.Values));
                    }

                    alarm.Properties.Add(attach);
                }

                break;
        }

        return alarm;
    }

    private static CalendarProperty Rename(CalendarProperty p, string name)
    {
        return new CalendarProperty(name, p.Value, p.Parameters);
    }
}
