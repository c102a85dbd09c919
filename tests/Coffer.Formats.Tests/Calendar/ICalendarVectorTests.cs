using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>SyncEvolution's iCalendar 2.0 torture items (Evolution, Google) through parser and writer.</summary>
public class ICalendarVectorTests
{
    public static TheoryData<string, int> Items => CalendarVectors.IcsItemRows();

    [Fact]
    public void VectorFilesHoldTheExpectedItemCounts()
    {
        // Guards the blank-line item split: a wrong split would silently shrink the theory below.
        CalendarVectors.IcsItems("eds_event.ics").Count.ShouldBe(19);
        CalendarVectors.IcsItems("eds_event-alarms-2010-12-31.ics").Count.ShouldBe(5);
        CalendarVectors.IcsItems("eds_task.ics").Count.ShouldBe(1);
        CalendarVectors.IcsItems("eds_memo.ics").Count.ShouldBe(4);
        CalendarVectors.IcsItems("google_event.ics").Count.ShouldBe(11);
        foreach (var f in CalendarVectors.IcsFiles)
        {
            CalendarVectors.IcsItems(f).ShouldAllBe(i => i.StartsWith("BEGIN:VCALENDAR", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void ICalendarRoundTripLosesNoProperty(string file, int index)
    {
        var original = CalendarVectors.IcsItems(file)[index];
        var doc = CalendarParser.Parse(original);
        doc.SourceVersion.ShouldBe(CalendarVersion.ICalendar20);
        var written = CalendarWriter.Write(doc, CalendarVersion.ICalendar20);

        var before = NormalizedCalendar.From(original);
        var after = NormalizedCalendar.From(written);
        NormalizedCalendar.Missing(before, after).ShouldBeEmpty();
        NormalizedCalendar.Missing(after, before).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void StrictAcceptsEvolutionAndGoogleItems(string file, int index)
    {
        var doc = CalendarParser.Parse(CalendarVectors.IcsItems(file)[index], ParserCompliance.Strict);
        doc.Items.ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void WrittenLinesAreFoldedCrlfAtMost75Octets(string file, int index)
    {
        var written = CalendarWriter.Write(CalendarParser.Parse(CalendarVectors.IcsItems(file)[index]), CalendarVersion.ICalendar20);
        written.ShouldEndWith("END:VCALENDAR\r\n");
        foreach (var line in written.Split("\r\n"))
        {
            System.Text.Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
            line.ShouldNotContain('\n');
        }
    }

    [Fact]
    public void TypedAccessorsReadTheAllFieldsEvent()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics").Single(i => i.Contains("SUMMARY:all fields", StringComparison.Ordinal));
        var ev = CalendarParser.Parse(item).Items.Single();
        ev.Name.ShouldBe("VEVENT");
        ev.Uid.ShouldBe("20060416T204136Z-4272-727-1-247@gollum");
        ev.Location.ShouldBe("virtual");
        ev.Class.ShouldBe("PRIVATE");
        ev.Categories.ShouldBe(["Business", "test", "bar"]);
        ev.DtStart.ShouldBe(CalendarDateTime.Utc(new DateTime(2006, 4, 6, 19, 0, 0)));
        ev.Description!.ShouldContain("a-umlaut ä\nexclamation mark !");
        ev.Description!.ShouldContain("backslash \\\nbackslash lf \\n\n");
        ev.Description!.ShouldEndWith("semicolon ;\ncomma ,\n");
        var alarm = ev.Alarms.ShouldHaveSingleItem();
        alarm.Get("TRIGGER")!.Value.ShouldBe("-PT1H");
    }

    [Fact]
    public void TypedAccessorsReadAllDayRecurrenceWithExceptions()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics").Single(i => i.Contains("UID:20060416T204647Z-4272-727-1-248-allday@gollum", StringComparison.Ordinal));
        var ev = CalendarParser.Parse(item).Items.Single();
        ev.IsAllDay.ShouldBeTrue();
        ev.DtEnd.ShouldBe(CalendarDateTime.Date(2006, 4, 7));
        ev.RecurrenceRule!.Until.ShouldBe("20060412");
        ev.ExceptionDates.ShouldBe([CalendarDateTime.Date(2006, 4, 8), CalendarDateTime.Date(2006, 4, 7)]);
    }

    [Fact]
    public void TypedAccessorsReadTheTaskInNewYork()
    {
        var todo = CalendarParser.Parse(CalendarVectors.IcsItems("eds_task.ics")[0]).Items.Single();
        todo.Name.ShouldBe("VTODO");
        todo.Due.ShouldBe(new CalendarDateTime(new DateTime(2009, 5, 2, 13, 0, 0), CalendarDateTimeKind.Zoned, "/softwarestudio.org/Tzfile/America/New_York"));
        todo.Priority.ShouldBe(7);
        todo.Status.ShouldBe("COMPLETED");
        todo.Get("PERCENT-COMPLETE")!.Value.ShouldBe("99");
    }

    [Fact]
    public void DetachedRecurrenceKeepsRecurrenceId()
    {
        var item = CalendarVectors.IcsItems("eds_event.ics").First(i => i.Contains("SUMMARY:Recurring: Modified II", StringComparison.Ordinal));
        CalendarParser.Parse(item).Items.Single().RecurrenceId.ShouldBe(CalendarDateTime.Utc(new DateTime(2008, 4, 20, 9, 0, 0)));
    }
}
