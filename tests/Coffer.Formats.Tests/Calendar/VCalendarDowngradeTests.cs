using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>
/// iCalendar 2.0 → vCalendar 1.0 → iCalendar 2.0 on SyncEvolution's items: everything vCalendar 1.0 can
/// carry comes back; each known loss is asserted on its own (docs/calendar.md lists them).
/// </summary>
public class VCalendarDowngradeTests
{
    public static TheoryData<string, int> Items => CalendarVectors.IcsItemRows();

    [Theory]
    [MemberData(nameof(Items))]
    public void DowngradeKeepsWhatVCalendar10CanRepresent(string file, int index)
    {
        var original = CalendarVectors.IcsItems(file)[index];
        var source = CalendarParser.Parse(original);
        var v1 = CalendarWriter.Write(source, CalendarVersion.VCalendar10);
        v1.ShouldContain("VERSION:1.0\r\n");
        v1.ShouldNotContain("BEGIN:VALARM");
        v1.ShouldNotContain("BEGIN:VTIMEZONE");
        var back = CalendarParser.Parse(v1);
        back.SourceVersion.ShouldBe(CalendarVersion.VCalendar10);
        var written = CalendarWriter.Write(back, CalendarVersion.ICalendar20);

        var missing = NormalizedCalendar.Missing(NormalizedCalendar.From(original), NormalizedCalendar.From(written));
        var added = NormalizedCalendar.Missing(NormalizedCalendar.From(written), NormalizedCalendar.From(original));
        var a = source.Items.Single();
        var b = back.Items.Single();
        var explained = new List<string>();

        // 1. Time zones: vCalendar 1.0 has one TZ/DAYLIGHT pair per object, so VTIMEZONE rules become this
        //    year's transitions and the TZID a name made from TZNAMEs; the instants must not move.
        foreach (var name in new[] { "DTSTART", "DTEND", "DUE", "RECURRENCE-ID" })
        {
            var before = a.GetDate(name);
            var after = b.GetDate(name);
            (before is null).ShouldBe(after is null, name);
            if (before is not null)
            {
                Instant(source, before).ShouldBe(Instant(back, after!), name);
                explained.AddRange(Entries(missing, name).Concat(Entries(added, name)).Where(_ => before.Kind == CalendarDateTimeKind.Zoned));
            }
        }

        explained.AddRange(missing.Concat(added).Where(e => e.StartsWith("VCALENDAR/VTIMEZONE", StringComparison.Ordinal)));

        // 2. RRULE: the same rule, but 1.0 drops the default INTERVAL=1 and X- parameters (Evolution's
        //    X-EVOLUTION-ENDDATE).
        if (a.Get("RRULE") is { } rule)
        {
            RuleKey(b.Get("RRULE")!.Value).ShouldBe(RuleKey(rule.Value));
            explained.AddRange(Entries(missing, "RRULE").Concat(Entries(added, "RRULE")));
        }

        // 3. Alarms: 1.0 alarms have no properties of their own; the alarm itself survives.
        b.Alarms.Count().ShouldBe(a.Alarms.Count());
        foreach (var (x, y) in a.Alarms.Zip(b.Alarms))
        {
            y.Get("ACTION")!.Value.ShouldBe(x.Get("ACTION")!.Value);
            y.Get("TRIGGER")!.Value.ShouldBe(x.Get("TRIGGER")!.Value);
            y.Description.ShouldBe(x.Description);
        }

        explained.AddRange(missing.Where(e => e.Contains("/VALARM|X-EVOLUTION-ALARM-UID|", StringComparison.Ordinal)));

        // 4. PRIORITY: phones know high/normal/low only (1/2/3), which come back as 1/5/9.
        if (a.Priority is { } p)
        {
            b.Priority.ShouldBe(p switch { 0 => 0, <= 4 => 1, 5 => 5, _ => 9 });
            explained.AddRange(Entries(missing, "PRIORITY").Concat(Entries(added, "PRIORITY")));
        }

        // 5. Google's date-only EXDATE on a timed series becomes the date-time of the excluded occurrence.
        if (a.GetAll("EXDATE").Any(x => x.GetParameter("VALUE") == "DATE") && !a.IsAllDay)
        {
            b.ExceptionDates.Select(d => d.Value.Date).ShouldBe(a.ExceptionDates.Select(d => d.Value.Date));
            b.ExceptionDates.ShouldAllBe(d => d.Value.TimeOfDay == a.DtStart!.Value.TimeOfDay);
            explained.AddRange(Entries(missing, "EXDATE").Concat(Entries(added, "EXDATE")));
        }

        missing.Except(explained).ShouldBeEmpty();
        added.Except(explained).ShouldBeEmpty();
    }

    [Fact]
    public void AllDayEventUsesVCal10MidnightToEndOfDayConvention()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics").Single(i => i.Contains("SUMMARY:two day event", StringComparison.Ordinal));
        var v1 = CalendarWriter.Write(CalendarParser.Parse(item), CalendarVersion.VCalendar10);
        v1.ShouldContain("DTSTART:20060406T000000\r\n");
        v1.ShouldContain("DTEND:20060407T235959\r\n");
        v1.ShouldContain("TRANSP:1\r\n");
        v1.ShouldContain("DCREATED:20060416T204104Z\r\n");
    }

    [Fact]
    public void RelativeAlarmBecomesAbsoluteDisplayAlarm()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics").Single(i => i.Contains("SUMMARY:all fields", StringComparison.Ordinal));
        var v1 = CalendarWriter.Write(CalendarParser.Parse(item), CalendarVersion.VCalendar10);

        // DTSTART 19:00Z, TRIGGER -PT1H: vCalendar 1.0 §3.6.7 DALARM run time;snooze;repeat;display string.
        v1.ShouldContain("DALARM:20060406T180000Z;;0;This is an event reminder\r\n");
        v1.ShouldContain("CATEGORIES:Business;test;bar\r\n");
        v1.ShouldContain("DESCRIPTION;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:");
    }

    [Fact]
    public void BerlinZoneBecomesTzAndDaylightOfThatYear()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics")[0];
        var v1 = CalendarWriter.Write(CalendarParser.Parse(item), CalendarVersion.VCalendar10);

        // 2006 EU rules: DST from the last Sunday of March (26th) to the last Sunday of October (29th).
        v1.ShouldContain("TZ:+01:00\r\n");
        v1.ShouldContain("DAYLIGHT:TRUE;+02:00;20060326T020000;20061029T030000;CET;CEST\r\n");
        v1.ShouldContain("DTSTART:20060406T160000\r\n");
    }

    [Fact]
    public void TaskStatusAndPriorityUseVCal10Values()
    {
        var v1 = CalendarWriter.Write(CalendarParser.Parse(CalendarVectors.IcsItems("eds_task.ics")[0]), CalendarVersion.VCalendar10);
        v1.ShouldContain("STATUS:COMPLETED\r\n");
        v1.ShouldContain("PRIORITY:3\r\n");
        v1.ShouldContain("TZ:-05:00\r\n");
        v1.ShouldContain("DAYLIGHT:TRUE;-04:00;20090308T030000;20091101T010000;EST;EDT\r\n");
        v1.ShouldContain("DUE:20090502T130000\r\n");
    }

    [Fact]
    public void AttendeesMapToVCal10Parameters()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics").Single(i => i.Contains("SUMMARY:meeting invitation", StringComparison.Ordinal));
        var v1 = CalendarWriter.Write(CalendarParser.Parse(item), CalendarVersion.VCalendar10).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        v1.ShouldContain("ATTENDEE;CUTYPE=INDIVIDUAL;EXPECT=REQUIRE;STATUS=NEEDS ACTION;RSVP=YES:john@bar.com\r\n");
        var back = CalendarParser.Parse(v1).Items.Single().GetAll("ATTENDEE").Last();
        back.Value.ShouldBe("MAILTO:john@bar.com");
        back.GetParameter("PARTSTAT").ShouldBe("NEEDS-ACTION");
        back.GetParameter("ROLE").ShouldBe("REQ-PARTICIPANT");
        back.GetParameter("RSVP").ShouldBe("TRUE");
    }

    private static IEnumerable<string> Entries(IEnumerable<string> list, string name) =>
        list.Where(e => e.Contains("|" + name + "|", StringComparison.Ordinal) && !e.StartsWith("VCALENDAR/VTIMEZONE", StringComparison.Ordinal));

    private static string RuleKey(string rule) =>
        string.Join(';', rule.Split(';').Where(p => p != "INTERVAL=1").Order(StringComparer.Ordinal));

    /// <summary>The UTC instant; zones are resolved by the system tz database (an independent oracle) when the
    /// VTIMEZONE names an Olson location, else by the document's own VTIMEZONE.</summary>
    private static DateTime Instant(CalendarDocument doc, CalendarDateTime value)
    {
        if (value.Kind != CalendarDateTimeKind.Zoned)
        {
            return value.Value;
        }

        var vtz = doc.FindTimeZone(value.TzId!)!;
        var location = vtz.Get("X-LIC-LOCATION")?.Value ?? (value.TzId == "EST/EDT" && vtz.Components.Any(c => c.Get("RRULE") is not null) ? "America/New_York" : null);
        if (location is not null)
        {
            var tz = TimeZoneInfo.FindSystemTimeZoneById(location);
            return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified), tz);
        }

        return CalendarTimeZone.FromComponent(vtz).ToUtc(value.Value);
    }
}
