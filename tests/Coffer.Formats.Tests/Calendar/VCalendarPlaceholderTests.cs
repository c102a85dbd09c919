using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>
/// What a phone configured for vCalendar 1.0 sends when it edits one field of an iCalendar 2.0 item (SyncEvolution's
/// 1.0 profile, recorded by CofferLegacyPhoneEditTests): placeholders are absent, GEO and alarms convert both ways.
/// </summary>
public class VCalendarPlaceholderTests
{
    private static string Event10(params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:all fields\r\nDTSTART:20060406T190000Z\r\nDTEND:20060406T193000Z\r\n"
        + string.Concat(lines.Select(l => l + "\r\n")) + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    private static string Event20(params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:all fields\r\nDTSTART:20060406T190000Z\r\nDTEND:20060406T193000Z\r\n"
        + string.Concat(lines.Select(l => l + "\r\n")) + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    private static string[] Lines(string text) => text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Empty_fields_a_10_phone_sends_for_everything_it_knows_were_stored_as_data()
    {
        var doc = CalendarParser.Parse(Event10("LOCATION:", "CATEGORIES:;", "RESOURCES: ", "GEO:,", "X-EPOCAGENDAENTRYTYPE:", "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:", "EXDATE:;"));

        doc.Items.Single().Properties.Select(p => p.Name).ShouldBe(["UID", "SUMMARY", "DTSTART", "DTEND"]);
        foreach (var version in new[] { CalendarVersion.VCalendar10, CalendarVersion.ICalendar20 })
        {
            var written = CalendarWriter.Write(doc, version);
            foreach (var name in new[] { "LOCATION", "CATEGORIES", "RESOURCES", "GEO", "X-EPOCAGENDAENTRYTYPE", "DESCRIPTION", "EXDATE" })
            {
                written.ShouldNotContain(name, Case.Sensitive, $"{name} in {version}");
            }
        }
    }

    [Fact]
    public void Empty_20_properties_were_written_to_10_phones_as_empty_lines()
    {
        var doc = CalendarParser.Parse(Event20("LOCATION:", "CATEGORIES:,", "X-EMPTY:"));

        CalendarWriter.Write(doc, CalendarVersion.VCalendar10).ShouldNotContain("LOCATION");
        CalendarWriter.Write(doc, CalendarVersion.ICalendar20).ShouldNotContain("CATEGORIES");
        CalendarWriter.Write(doc, CalendarVersion.ICalendar20).ShouldNotContain("X-EMPTY");
    }

    [Fact]
    public void Geo_lat_comma_lon_of_a_10_phone_was_stored_as_20_text()
    {
        var doc = CalendarParser.Parse(Event10("GEO:37.24,-17.87"));

        doc.Items.Single().Get("GEO")!.Value.ShouldBe("37.24;-17.87"); // RFC 5545 §3.8.1.6
        Lines(CalendarWriter.Write(doc, CalendarVersion.ICalendar20)).ShouldContain("GEO:37.24;-17.87");
        Lines(CalendarWriter.Write(doc, CalendarVersion.VCalendar10)).ShouldContain("GEO:37.24,-17.87");
    }

    [Fact]
    public void Geo_lat_semicolon_lon_of_20_was_sent_to_10_phones_unconverted()
    {
        var doc = CalendarParser.Parse(Event20("GEO:37.386013;-122.082932"));

        Lines(CalendarWriter.Write(doc, CalendarVersion.VCalendar10)).ShouldContain("GEO:37.386013,-122.082932");
    }

    [Fact]
    public void Display_alarm_that_a_10_phone_sends_as_AALARM_plus_DALARM_became_an_added_audio_alarm()
    {
        var doc = CalendarParser.Parse(Event10("AALARM:20060406T180000Z;;0;This is an event reminder", "DALARM:20060406T180000Z;;0;This is an event reminder"));

        var alarm = doc.Items.Single().Components.ShouldHaveSingleItem();
        alarm.GetText("ACTION").ShouldBe("DISPLAY");
        alarm.GetText("DESCRIPTION").ShouldBe("This is an event reminder");
    }

    [Fact]
    public void Audio_alarm_at_another_time_than_the_display_alarm_stays_its_own_alarm()
    {
        var doc = CalendarParser.Parse(Event10("AALARM:20060406T183000Z;;0;", "DALARM:20060406T180000Z;;0;Reminder"));

        doc.Items.Single().Components.Select(c => c.GetText("ACTION")).ShouldBe(["AUDIO", "DISPLAY"], ignoreOrder: true);
    }

    [Fact]
    public void Quoted_printable_description_with_soft_breaks_from_a_10_phone_keeps_its_separators()
    {
        var doc = CalendarParser.Parse(Event10("DESCRIPTION;ENCODING=QUOTED-PRINTABLE:semicolon ;=0D=0Acomma ,=\r\n backslash \\\\"));

        doc.Items.Single().Get("DESCRIPTION")!.Text.ShouldBe("semicolon ;\ncomma , backslash \\");
        var again = CalendarParser.Parse(CalendarWriter.Write(doc, CalendarVersion.VCalendar10));
        again.Items.Single().Get("DESCRIPTION")!.Text.ShouldBe("semicolon ;\ncomma , backslash \\");
    }
}
