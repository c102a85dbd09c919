using Coffer.Formats.Calendar;
using Coffer.Formats.Merge;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.Merge;

public class ItemDiffTests
{
    [Fact]
    public void Changed_added_and_removed_fields_are_told_apart()
    {
        var old = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:111", "TEL;TYPE=WORK:222", "EMAIL:j@x.org");
        var now = Cards.V30("N:Doe;John;;;", "FN:Johnny Doe", "TEL;TYPE=HOME:111", "EMAIL:j@x.org", "URL:http://x.org");
        var diff = ItemDiff.Compute(old, now);
        diff.Changed.Select(c => c.Key.Name).ShouldBe(["FN"]);
        diff.Removed.Single().Key.ShouldBe(new FieldKey("TEL", "WORK", 0));
        diff.Added.Single().Key.Name.ShouldBe("URL");
    }

    [Fact]
    public void Deleting_the_first_of_three_phones_is_one_removal_not_three_changes()
    {
        var old = Cards.V30("FN:A", "TEL;TYPE=CELL:1", "TEL;TYPE=CELL:2", "TEL;TYPE=CELL:3");
        var now = Cards.V30("FN:A", "TEL;TYPE=CELL:2", "TEL;TYPE=CELL:3");
        var diff = ItemDiff.Compute(old, now);
        diff.Changes.Count.ShouldBe(1);
        diff.Removed.Single().OldValue.ShouldBe("[CELL] 1");
    }

    [Fact]
    public void Phone_punctuation_email_case_and_default_types_are_no_change()
    {
        var old = Cards.V30("FN:A", "TEL;TYPE=VOICE,HOME:+49 (171) 123-45", "EMAIL;TYPE=INTERNET:John@X.org");
        var now = Cards.V30("FN:A", "TEL;TYPE=HOME:+4917112345", "EMAIL:john@x.org");
        ItemDiff.Compute(old, now).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Same_contact_rendered_as_vcard21_differs_in_nothing()
    {
        var card = Cards.V30("N:Müller;Jörg;;;", "FN:Jörg Müller", "TEL;TYPE=CELL,PREF:0171 1", "NOTE:line one\\nline two", "CATEGORIES:a,b");
        var v21 = VCardParser.Parse(VCardWriter.Write(card, VCardVersion.V2_1)).Single();
        ItemDiff.Compute(card, v21).Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Calendar_diff_compares_a_tzid_time_with_the_same_instant_in_utc()
    {
        const string zone = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
            + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
            + "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";
        var zoned = CalendarParser.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + zone + "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Europe/Berlin:20240710T100000\r\n"
            + "SUMMARY:Meet\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        var utc = CalendarParser.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240710T080000Z\r\nSUMMARY:Meet\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        var moved = CalendarParser.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240710T090000Z\r\nSUMMARY:Meet\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        ItemDiff.Compute(zoned, utc).IsEmpty.ShouldBeTrue();
        ItemDiff.Compute(zoned, moved).Changed.Single().Key.Name.ShouldBe("DTSTART");
    }
}
