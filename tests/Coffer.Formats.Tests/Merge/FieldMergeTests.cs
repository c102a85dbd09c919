using Coffer.Formats.Calendar;
using Coffer.Formats.Merge;

namespace Coffer.Formats.Tests.Merge;

public class FieldMergeTests
{
    private static readonly Coffer.Formats.VCard.VCard Base =
        Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:111", "EMAIL:j@x.org", "NOTE:old note");

    [Fact]
    public void Different_fields_edited_on_two_sides_both_survive()
    {
        var server = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:111", "EMAIL:j@x.org", "NOTE:new note from the web");
        var device = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:999", "EMAIL:j@x.org", "NOTE:old note");
        var r = FieldMerge.Merge(Base, server, device, null);
        r.Conflicts.ShouldBeEmpty();
        r.ServerChanged.ShouldBeTrue();
        r.DeviceChanged.ShouldBeTrue();
        r.Item.Note.ShouldBe("new note from the web");
        Cards.Values(r.Item, "TEL").ShouldBe(["999"]);
        r.DeviceNeedsUpdate.ShouldBeTrue(); // the device lacks the server's NOTE
    }

    [Theory]
    [InlineData(MergePolicy.DeviceWins, "Device Name", true)]
    [InlineData(MergePolicy.ServerWins, "Server Name", false)]
    public void Same_field_edited_on_both_sides_follows_the_policy_and_is_reported(MergePolicy policy, string expected, bool deviceWon)
    {
        var server = Cards.V30("N:Doe;John;;;", "FN:Server Name", "TEL;TYPE=HOME:111", "EMAIL:j@x.org", "NOTE:old note");
        var device = Cards.V30("N:Doe;John;;;", "FN:Device Name", "TEL;TYPE=HOME:111", "EMAIL:j@x.org", "NOTE:old note");
        var r = FieldMerge.Merge(Base, server, device, null, policy);
        r.Item.FormattedName.ShouldBe(expected);
        var conflict = r.Conflicts.ShouldHaveSingleItem();
        conflict.Key.Name.ShouldBe("FN");
        conflict.DeviceWon.ShouldBe(deviceWon);
        r.DeviceNeedsUpdate.ShouldBe(!deviceWon);
    }

    [Fact]
    public void Deletions_on_one_side_are_applied_and_additions_kept()
    {
        var server = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:111", "EMAIL:j@x.org", "NOTE:old note", "TEL;TYPE=WORK:222");
        var device = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:111", "NOTE:old note", "URL:http://doe.org");
        var r = FieldMerge.Merge(Base, server, device, null);
        r.Conflicts.ShouldBeEmpty();
        r.Item.GetProperty("EMAIL").ShouldBeNull();
        Cards.Values(r.Item, "TEL").ShouldBe(["111", "222"]);
        Cards.Values(r.Item, "URL").ShouldBe(["http://doe.org"]);
    }

    [Fact]
    public void Without_a_base_multi_valued_fields_are_unioned_without_duplicates_and_the_device_wins_single_ones()
    {
        var server = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=CELL:+49 171 1", "EMAIL:John@X.org", "BDAY:1970-01-01", "ORG:Acme");
        var device = Cards.V30("N:Doe;Johnny;;;", "FN:Johnny Doe", "TEL;TYPE=CELL:+491711", "TEL;TYPE=HOME:555", "EMAIL:john@x.org", "BDAY:1971-02-02");
        var r = FieldMerge.Merge(null, server, device, null);
        Cards.Values(r.Item, "TEL").ShouldBe(["+49 171 1", "555"]);
        Cards.Values(r.Item, "EMAIL").ShouldBe(["John@X.org"]);
        r.Item.FormattedName.ShouldBe("Johnny Doe");
        r.Item.Birthday.ShouldBe("1971-02-02");
        r.Item.Organization.ShouldBe(["Acme"]);
        r.Conflicts.Select(c => c.Key.Name).Order().ShouldBe(["BDAY", "FN", "N"]);
        r.DeviceNeedsUpdate.ShouldBeTrue(); // ORG is new to the device
    }

    [Fact]
    public void Identical_twins_merge_to_the_same_item_without_update()
    {
        var card = Cards.V30("N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=CELL:1", "EMAIL:j@x.org");
        var r = FieldMerge.Merge(null, card, card.Clone(), null);
        r.Conflicts.ShouldBeEmpty();
        r.DeviceNeedsUpdate.ShouldBeFalse();
        r.ServerChanged.ShouldBeFalse();
        ItemDiff.Compute(card, r.Item).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Calendar_items_merge_field_by_field()
    {
        static CalendarDocument Event(string summary, string location) => CalendarParser.Parse(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTART:20240710T080000Z\r\nSUMMARY:" + summary
            + "\r\nLOCATION:" + location + "\r\nDTSTAMP:20240101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        var r = FieldMerge.Merge(Event("Meet", "Room 1"), Event("Meet", "Room 2"), Event("Meeting", "Room 1"), null);
        r.Conflicts.ShouldBeEmpty();
        var item = r.Item.Items.Single();
        item.Summary.ShouldBe("Meeting");
        item.Location.ShouldBe("Room 2");
    }
}
