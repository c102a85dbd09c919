using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>vCalendar 1.0 items recorded from real devices and servers (P900, Synthesis, Horde, SyncEvolution).</summary>
public class VCalendarVectorTests
{
    public static TheoryData<string> VCal10Items => CalendarVectors.SyncMLVCal10Rows();

    [Fact]
    public void RecordedSessionsHoldVCal10Items()
    {
        // Guards the XML extraction: the P900, Synthesis and SyncEvolution sessions carry 22 vCalendar 1.0 items.
        CalendarVectors.SyncMLItems().Count(i => i.Text.Contains("VERSION:1.0", StringComparison.Ordinal)).ShouldBe(22);
        CalendarVectors.SyncMLItems().Count.ShouldBe(24);
    }

    [Fact]
    public void EveryRecordedCalendarItemParses()
    {
        foreach (var (source, text) in CalendarVectors.SyncMLItems())
        {
            var doc = CalendarParser.Parse(text);
            doc.Items.Count().ShouldBe(1, source);
            doc.Items.Single().Name.ShouldBeOneOf("VEVENT", "VTODO");
        }
    }

    [Theory]
    [MemberData(nameof(VCal10Items))]
    public void VCal10ItemParsesInBothModes(string source)
    {
        var text = CalendarVectors.SyncMLItem(source);
        var loose = CalendarParser.Parse(text);
        loose.SourceVersion.ShouldBe(CalendarVersion.VCalendar10);
        var strict = CalendarParser.Parse(text, ParserCompliance.Strict);
        CalendarWriter.Write(strict, CalendarVersion.ICalendar20).ShouldBe(CalendarWriter.Write(loose, CalendarVersion.ICalendar20));
    }

    [Theory]
    [MemberData(nameof(VCal10Items))]
    public void VCal10ThroughICalendarAndBackIsStable(string source)
    {
        var original = CalendarParser.Parse(CalendarVectors.SyncMLItem(source));
        var first = CalendarWriter.Write(original, CalendarVersion.VCalendar10);
        var viaICal = CalendarWriter.Write(CalendarParser.Parse(first), CalendarVersion.ICalendar20);
        var second = CalendarWriter.Write(CalendarParser.Parse(viaICal), CalendarVersion.VCalendar10);
        second.ShouldBe(first);

        // Nothing the device sent is lost on the way: the 2.0 meaning of the original and of the written
        // 1.0 item are the same.
        var before = NormalizedCalendar.From(CalendarWriter.Write(original, CalendarVersion.ICalendar20));
        var after = NormalizedCalendar.From(viaICal);
        NormalizedCalendar.Missing(before, after).ShouldBeEmpty();
        NormalizedCalendar.Missing(after, before).ShouldBeEmpty();
    }

    [Fact]
    public void P900AllDayEventWith240000BecomesDateRange()
    {
        var text = CalendarVectors.SyncMLItems().First(i => i.Text.Contains("cIient1 christmas all day", StringComparison.Ordinal)).Text;
        var ev = CalendarParser.Parse(text).Items.Single();
        ev.IsAllDay.ShouldBeTrue();
        ev.DtStart.ShouldBe(CalendarDateTime.Date(2006, 12, 25));
        ev.DtEnd.ShouldBe(CalendarDateTime.Date(2006, 12, 26));
        ev.Description.ShouldBe("uumlaut: ü");
        ev.Get("X-VCAL-STATUS")!.Text.ShouldBe("NEEDS ACTION");
        ev.Status.ShouldBeNull();

        var v1 = CalendarWriter.Write(CalendarParser.Parse(text), CalendarVersion.VCalendar10);
        v1.ShouldContain("DTSTART:20061225T000000\r\nDTEND:20061225T235959\r\n");
        v1.ShouldContain("STATUS:NEEDS ACTION\r\n");
        v1.ShouldContain("DESCRIPTION;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:uumlaut: =C3=BC\r\n");
    }

    [Fact]
    public void HordeNextDayMidnightAllDayBecomesDateRange()
    {
        var text = CalendarVectors.SyncMLItems().First(i => i.Text.Contains("SUMMARY:server1allday new year", StringComparison.Ordinal)).Text;
        var ev = CalendarParser.Parse(text).Items.Single();
        ev.DtStart.ShouldBe(CalendarDateTime.Date(2007, 1, 1));
        ev.DtEnd.ShouldBe(CalendarDateTime.Date(2007, 1, 2));
        ev.Get("ORGANIZER")!.Value.ShouldBe("mailto:syncmltest");
    }

    [Fact]
    public void P900AudioAlarmBecomesRelativeAudioValarm()
    {
        var text = CalendarVectors.SyncMLItems().First(i => i.Text.Contains("SUMMARY:client1 12-1", StringComparison.Ordinal)).Text;
        var ev = CalendarParser.Parse(text).Items.Single();
        var alarm = ev.Alarms.ShouldHaveSingleItem();
        alarm.Get("ACTION")!.Value.ShouldBe("AUDIO");
        alarm.Get("TRIGGER")!.Value.ShouldBe("-PT10M");
        alarm.Get("TRIGGER")!.GetParameter("RELATED").ShouldBe("START");
        alarm.Get("ATTACH")!.Value.ShouldBe(@"c:\system\data\themes\sound\Reminder\Classical.mp3");

        var v1 = CalendarWriter.Write(CalendarParser.Parse(text), CalendarVersion.VCalendar10).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        v1.ShouldContain(@"AALARM;TYPE=X-EPOCSOUND:20061222T105000Z;;0;c:\system\data\themes\sound\Reminder\Classical.mp3");
    }

    [Fact]
    public void P900TaskStatusAndPriorityMapToICalendar()
    {
        var text = CalendarVectors.SyncMLItems().First(i => i.Text.Contains("SUMMARY:clienttask1s1", StringComparison.Ordinal) && i.Text.Contains("PRIORITY:5", StringComparison.Ordinal)).Text;
        var todo = CalendarParser.Parse(text).Items.Single();
        todo.Status.ShouldBe("NEEDS-ACTION");
        todo.Priority.ShouldBe(5);
        todo.Description.ShouldBe("Aumlaut: Ä");
        todo.Get("CREATED")!.Value.ShouldBe("20070101T230000Z");

        // 5 has no place on the phones' 3-level scale: it is written as "normal" (2).
        CalendarWriter.Write(CalendarParser.Parse(text), CalendarVersion.VCalendar10).ShouldContain("PRIORITY:2\r\n");
    }

    [Fact]
    public void SyncEvolutionTzAndDaylightSurviveTheRoundTrip()
    {
        var text = CalendarVectors.SyncMLItems().First(i => i.Text.Contains("UID:sehar-vevent-1", StringComparison.Ordinal)).Text;
        var doc = CalendarParser.Parse(text);
        var vtz = doc.TimeZones.ShouldHaveSingleItem();
        CalendarTimeZone.FromComponent(vtz).GetUtcOffset(new DateTime(2024, 7, 1)).ShouldBe(TimeSpan.Zero);
        var v1 = CalendarWriter.Write(doc, CalendarVersion.VCalendar10);
        v1.ShouldContain("TZ:+00:00\r\nDAYLIGHT:FALSE\r\n");
        v1.ShouldContain("DTSTART:20240106T090000Z\r\n");
    }
}
