using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>vCalendar 1.0 features the recorded sessions do not exercise, on hand-written items built from the 1.0 spec's examples.</summary>
public class VCalendarConversionTests
{
    private const string BerlinMeeting =
        "BEGIN:VCALENDAR\r\n" +
        "VERSION:1.0\r\n" +
        "TZ:+01\r\n" +
        "DAYLIGHT:TRUE;+02;20240331T020000;20241027T030000;CET;CEST\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:vcal-1\r\n" +
        "SUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:K=F6ln; Sitzung\r\n" +
        "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\nline two\r\n" +
        "DTSTART:20240708T100000\r\n" +
        "DTEND:20240708T110000\r\n" +
        "RRULE:MP1 1+ MO #6\r\n" +
        "EXDATE:20240805T100000;20240902T100000\r\n" +
        "CATEGORIES:MEETING;BUSINESS\r\n" +
        "DALARM:20240708T094500;PT5M;2;Sitzung beginnt\r\n" +
        "ATTENDEE;ROLE=ORGANIZER;STATUS=CONFIRMED:boss@example.com\r\n" +
        "TRANSP:1\r\n" +
        "PRIORITY:3\r\n" +
        "X-FUNAMBOL-ALLDAY:0\r\n" +
        "END:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    [Fact]
    public void FloatingTimesUnderTzBecomeZonedTimesOfThatInstant()
    {
        var doc = CalendarParser.Parse(BerlinMeeting, ParserCompliance.Strict);
        var ev = doc.Items.Single();
        ev.DtStart!.Kind.ShouldBe(CalendarDateTimeKind.Zoned);
        ev.DtStart.TzId.ShouldBe("CET/CEST");

        // The Olson database is the oracle: 2024-07-08 10:00 in Berlin.
        var zone = CalendarTimeZone.FromComponent(doc.FindTimeZone("CET/CEST")!);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        foreach (var local in new[] { new DateTime(2024, 7, 8, 10, 0, 0), new DateTime(2024, 1, 8, 10, 0, 0), new DateTime(2024, 12, 1, 9, 0, 0) })
        {
            zone.ToUtc(local).ShouldBe(TimeZoneInfo.ConvertTimeToUtc(local, berlin));
        }
    }

    [Fact]
    public void VCal10PropertiesMapToICalendar()
    {
        var ev = CalendarParser.Parse(BerlinMeeting).Items.Single();
        ev.Summary.ShouldBe("Köln; Sitzung");
        ev.Description.ShouldBe("line one\nline two");
        ev.RecurrenceRule!.ToString().ShouldBe("FREQ=MONTHLY;BYDAY=1MO;COUNT=6");
        ev.ExceptionDates.Select(d => d.Value).ShouldBe([new DateTime(2024, 8, 5, 10, 0, 0), new DateTime(2024, 9, 2, 10, 0, 0)]);
        ev.Categories.ShouldBe(["MEETING", "BUSINESS"]);
        ev.Get("TRANSP")!.Value.ShouldBe("TRANSPARENT");
        ev.Priority.ShouldBe(9);
        ev.Get("X-FUNAMBOL-ALLDAY")!.Value.ShouldBe("0");

        var alarm = ev.Alarms.ShouldHaveSingleItem();
        alarm.Get("ACTION")!.Value.ShouldBe("DISPLAY");
        alarm.Get("TRIGGER")!.Value.ShouldBe("-PT15M");
        alarm.Get("DURATION")!.Value.ShouldBe("PT5M");
        alarm.Get("REPEAT")!.Value.ShouldBe("2");
        alarm.Description.ShouldBe("Sitzung beginnt");

        var attendee = ev.Get("ATTENDEE")!;
        attendee.Value.ShouldBe("MAILTO:boss@example.com");
        attendee.GetParameter("X-VCAL-ROLE").ShouldBe("ORGANIZER");
        attendee.GetParameter("X-VCAL-STATUS").ShouldBe("CONFIRMED");
    }

    [Fact]
    public void VCal10WrittenBackKeepsEveryFeature()
    {
        var ical = CalendarWriter.Write(CalendarParser.Parse(BerlinMeeting), CalendarVersion.ICalendar20);
        var v1 = CalendarWriter.Write(CalendarParser.Parse(ical), CalendarVersion.VCalendar10).Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        v1.ShouldContain("TZ:+01:00\r\n");
        v1.ShouldContain("DAYLIGHT:TRUE;+02:00;20240331T020000;20241027T030000;CET;CEST\r\n");
        v1.ShouldContain("SUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:K=C3=B6ln\\; Sitzung\r\n");
        v1.ShouldContain("DESCRIPTION;ENCODING=QUOTED-PRINTABLE:line one=0D=0Aline two\r\n");
        v1.ShouldContain("DTSTART:20240708T100000\r\n");
        v1.ShouldContain("RRULE:MP1 1+ MO #6\r\n");
        v1.ShouldContain("EXDATE:20240805T100000;20240902T100000\r\n");
        v1.ShouldContain("CATEGORIES:MEETING;BUSINESS\r\n");
        v1.ShouldContain("DALARM:20240708T094500;PT5M;2;Sitzung beginnt\r\n");
        v1.ShouldContain("ATTENDEE;ROLE=ORGANIZER;STATUS=CONFIRMED:boss@example.com\r\n");
        v1.ShouldContain("TRANSP:1\r\n");
        v1.ShouldContain("PRIORITY:3\r\n");
    }

    [Theory]
    [InlineData("20240708T000000", "20240708T235959", "20240708", "20240709")]
    [InlineData("20240708T000000", "20240709T000000", "20240708", "20240709")]
    [InlineData("20240708T000000Z", "20240708T240000Z", "20240708", "20240709")]
    [InlineData("20240708T000000", "20240710T235959", "20240708", "20240711")]
    public void VCal10AllDayConventionsBecomeDates(string start, string end, string date, string endDate)
    {
        var text = $"BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:{start}\r\nDTEND:{end}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var ev = CalendarParser.Parse(text).Items.Single();
        ev.DtStart!.ShouldBe(CalendarDateTime.Parse(date));
        ev.DtEnd!.ShouldBe(CalendarDateTime.Parse(endDate));
    }

    [Fact]
    public void TimedEventAtMidnightStaysTimed()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20240708T000000Z\r\nDTEND:20240708T010000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        CalendarParser.Parse(text).Items.Single().IsAllDay.ShouldBeFalse();
    }

    [Fact]
    public void UnrepresentableRuleIsDroppedFromVCal10()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240708T100000Z\r\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        CalendarWriter.Write(CalendarParser.Parse(text), CalendarVersion.VCalendar10).ShouldNotContain("RRULE");
    }

    [Fact]
    public void DurationBecomesDtEndInVCal10()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240708T100000Z\r\nDURATION:PT90M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var v1 = CalendarWriter.Write(CalendarParser.Parse(text), CalendarVersion.VCalendar10);
        v1.ShouldContain("DTEND:20240708T113000Z\r\n");
        v1.ShouldNotContain("DURATION");
    }

    [Fact]
    public void BrokenVCal10RuleIsKeptAsXPropertyInLoose()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20240708T100000Z\r\nRRULE:Q9 nonsense\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var doc = CalendarParser.Parse(text);
        doc.Items.Single().Get("X-VCAL-RRULE")!.Value.ShouldBe("Q9 nonsense");
        CalendarWriter.Write(doc, CalendarVersion.VCalendar10).ShouldContain("RRULE:Q9 nonsense\r\n");
        Should.Throw<PimFormatException>(() => CalendarParser.Parse(text, ParserCompliance.Strict));
    }
}
