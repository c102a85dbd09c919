using Coffer.Formats.Merge;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.Merge;

/// <summary>Seed 000 §4.3: a phone holding 3 numbers must not delete the server's 4th and 5th when it sends a change.</summary>
public class FieldLevelChangeTests
{
    private static readonly DeviceCapabilities ThreePhones = new(
    [
        new PropertyCapability("N", 1),
        new PropertyCapability("FN", 1),
        new PropertyCapability("TEL", 3, TypeValues: ["HOME", "WORK", "CELL", "PREF"]),
        new PropertyCapability("EMAIL", 1),
    ]);

    private static readonly Coffer.Formats.VCard.VCard Server = Cards.V30(
        "N:Doe;John;;;", "FN:John Doe", "TEL;TYPE=HOME:1", "TEL;TYPE=WORK:2", "TEL;TYPE=CELL:3", "TEL;TYPE=CELL,PREF:4", "TEL;TYPE=FAX:5",
        "EMAIL:a@x.org", "EMAIL:b@x.org", "NOTE:kept on the server", "ORG:Acme");

    [Fact]
    public void Trim_keeps_supported_properties_up_to_max_occur_preferred_first_in_original_order()
    {
        var trimmed = FieldMerge.Trim(Server, ThreePhones);
        Cards.Values(trimmed, "TEL").ShouldBe(["1", "2", "4"]);
        Cards.Values(trimmed, "EMAIL").ShouldBe(["a@x.org"]);
        trimmed.Note.ShouldBeNull();
        trimmed.GetProperty("ORG").ShouldBeNull();
        trimmed.FormattedName.ShouldBe("John Doe");
    }

    [Fact]
    public void Without_caps_nothing_is_trimmed()
    {
        ItemDiff.Compute(Server, FieldMerge.Trim(Server, null)).IsEmpty.ShouldBeTrue();
        ItemDiff.Compute(Server, FieldMerge.Trim(Server, DeviceCapabilities.Everything)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Device_view_replaces_only_what_the_device_holds()
    {
        // The phone got 1, 2, 4 and sends them back with 2 changed and FN edited, through vCard 2.1.
        var onDevice = FieldMerge.Trim(Server, ThreePhones);
        onDevice.FormattedName = "Johnny Doe";
        onDevice.GetProperties("TEL").Single(p => p.Value == "2").Value = "22";
        var sent = VCardParser.Parse(VCardWriter.Write(onDevice, VCardVersion.V2_1)).Single();

        var full = FieldMerge.ApplyDeviceView(Server, sent, ThreePhones);
        full.FormattedName.ShouldBe("Johnny Doe");
        Cards.Values(full, "TEL").Order().ShouldBe(["1", "22", "3", "4", "5"]);
        Cards.Values(full, "EMAIL").ShouldBe(["a@x.org", "b@x.org"]);
        full.Note.ShouldBe("kept on the server");
        full.Organization.ShouldBe(["Acme"]);
    }

    [Fact]
    public void A_phone_deleting_one_of_its_numbers_deletes_only_that_one()
    {
        var onDevice = FieldMerge.Trim(Server, ThreePhones);
        onDevice.Properties.Remove(onDevice.GetProperties("TEL").Single(p => p.Value == "1"));
        var r = FieldMerge.Merge(Server, Server, onDevice, ThreePhones);
        Cards.Values(r.Item, "TEL").ShouldBe(["2", "3", "4", "5"]);
        r.Item.Note.ShouldBe("kept on the server");
        r.DeviceNeedsUpdate.ShouldBeTrue(); // number 3 now fits on the phone
    }

    [Fact]
    public void Unchanged_device_copy_changes_nothing_and_needs_no_update()
    {
        var onDevice = VCardParser.Parse(VCardWriter.Write(FieldMerge.Trim(Server, ThreePhones), VCardVersion.V2_1)).Single();
        var r = FieldMerge.Merge(Server, Server, onDevice, ThreePhones);
        ItemDiff.Compute(Server, r.Item).IsEmpty.ShouldBeTrue();
        r.DeviceNeedsUpdate.ShouldBeFalse();
        r.DeviceChanged.ShouldBeFalse();
    }

    [Fact]
    public void A_value_shortened_to_max_size_or_a_type_the_phone_cannot_keep_is_no_change()
    {
        var caps = new DeviceCapabilities([new PropertyCapability("FN"), new PropertyCapability("NOTE", MaxSize: 10), new PropertyCapability("TEL", TypeValues: ["HOME"])]);
        var server = Cards.V30("FN:A", "NOTE:0123456789abcdef", "TEL;TYPE=HOME,X-CUSTOM:1");
        var device = Cards.V30("FN:A", "NOTE:0123456789", "TEL;TYPE=HOME:1");
        var r = FieldMerge.Merge(server, server, device, caps);
        r.Item.Note.ShouldBe("0123456789abcdef");
        r.Item.GetProperty("TEL")!.Types.ShouldBe(["HOME", "X-CUSTOM"]);
        r.DeviceNeedsUpdate.ShouldBeFalse();
    }
}
