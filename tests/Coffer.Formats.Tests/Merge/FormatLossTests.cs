using Coffer.Formats.Calendar;
using Coffer.Formats.Merge;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.Merge;

/// <summary>
/// A vCalendar 1.0 or vCard 2.1 phone gives back what it was given in its format's terms; that is no edit. Found by
/// CofferLegacyPhoneEditTests: a 1.0 phone editing the SUMMARY of a task changed its PRIORITY 7 to 9 and dropped its
/// alarm's X-EVOLUTION-ALARM-UID on the server.
/// </summary>
public class FormatLossTests
{
    private const string Task20 =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTODO\r\nUID:t1\r\nSUMMARY:test task\r\nPRIORITY:7\r\n"
        + "DUE:20090502T170000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DURATION;RELATED=END:-PT1H\r\nDESCRIPTION:due soon\r\n"
        + "X-EVOLUTION-ALARM-UID:alarm-1\r\nEND:VALARM\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void Priority_7_given_to_a_10_phone_came_back_as_9_on_an_edit_of_another_field()
    {
        var server = CalendarParser.Parse(Task20);
        var held = CalendarParser.Parse(CalendarWriter.Write(server, CalendarVersion.VCalendar10));
        var device = CalendarParser.Parse(CalendarWriter.Write(server, CalendarVersion.VCalendar10).Replace("SUMMARY:test task", "SUMMARY:edited", StringComparison.Ordinal));
        held.Items.Single().Priority.ShouldBe(9); // vCalendar 1.0 has three priorities: 7 is "low" (3), which reads back as 9

        var restored = FieldMerge.WithoutFormatLosses(device, server, held);
        var merged = FieldMerge.Merge(server, server, restored, null).Item.Items.Single();

        merged.Summary.ShouldBe("edited");
        merged.Priority.ShouldBe(7);
        merged.Components.Single().GetText("X-EVOLUTION-ALARM-UID").ShouldBe("alarm-1");
    }

    [Fact]
    public void A_real_change_of_a_degraded_field_still_counts()
    {
        var server = CalendarParser.Parse(Task20);
        var held = CalendarParser.Parse(CalendarWriter.Write(server, CalendarVersion.VCalendar10));
        var device = CalendarParser.Parse(CalendarWriter.Write(server, CalendarVersion.VCalendar10).Replace("PRIORITY:3", "PRIORITY:1", StringComparison.Ordinal));

        var merged = FieldMerge.Merge(server, server, FieldMerge.WithoutFormatLosses(device, server, held), null).Item.Items.Single();

        merged.Priority.ShouldBe(1);
    }

    [Fact]
    public void Parameters_a_21_phone_cannot_hold_were_lost_on_an_edit_of_another_field()
    {
        var server = VCardParser.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John,Paul;;;\r\nFN:John Doe\r\nX-TEST;PARAMETER2=\"quoted because of spaces\":x\r\nNOTE:old\r\nEND:VCARD\r\n").Single();
        var as21 = VCardWriter.Write(server, VCardVersion.V2_1);
        var held = VCardParser.Parse(as21).Single();
        var device = VCardParser.Parse(as21.Replace("NOTE:old", "NOTE:new", StringComparison.Ordinal)).Single();

        var merged = FieldMerge.Merge(server, server, FieldMerge.WithoutFormatLosses(device, server, held), null).Item;

        merged.Note.ShouldBe("new");
        merged.GetProperty("X-TEST")!.GetParameter("PARAMETER2").ShouldBe("quoted because of spaces");
        merged.GetProperty("N")!.Values[1].ShouldBe(["John", "Paul"]);
    }
}
