using Coffer.Formats.VCard;
using Coffer.Sync.Content;
using Coffer.SyncML.DevInf;
using Coffer.TestData;

namespace Coffer.Sync.Tests;

/// <summary>Seed 000 §4.3 Field Level Change through the content handler, with the device's limits read from a DevInf.</summary>
public class FieldLevelChangeDevInfTests
{
    internal static string ServerContact()
    {
        var photo = Convert.ToBase64String(File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "local.png")));
        return "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nFN:John Doe\r\n"
            + "TEL;TYPE=HOME:+49 30 1111\r\nTEL;TYPE=WORK:+49 30 2222\r\nTEL;TYPE=CELL:+49 171 3333\r\nTEL;TYPE=FAX:+49 30 4444\r\nTEL;TYPE=CELL:+49 171 5555\r\n"
            + "EMAIL;TYPE=INTERNET:john@example.org\r\nNOTE:Met at the conference\\, call back in May\r\nPHOTO;ENCODING=b;TYPE=PNG:" + photo + "\r\nEND:VCARD\r\n";
    }

    internal static CTCap Caps()
    {
        var info = DevInfXml.Parse(CraftedDevInf.Xml);
        return info.FindCTCap(info.FindDataStore(CraftedDevInf.DataStore)!, "text/x-vcard", "2.1").ShouldNotBeNull();
    }

    [Fact]
    public void A_phone_holding_3_numbers_gets_3_and_its_change_keeps_the_other_two_note_and_photo()
    {
        var handler = new VCardContentHandler();
        var caps = Caps();
        var stored = handler.Normalize(ServerContact(), "text/vcard").Text;

        var rendered = handler.Render(stored, "text/x-vcard", "2.1", caps);
        rendered.ContentType.ShouldBe("text/x-vcard");
        rendered.Text.ShouldContain("VERSION:2.1");
        var onPhone = VCardParser.Parse(rendered.Text).Single();
        onPhone.Telephones.Select(t => t.Number).ShouldBe(["+49 30 1111", "+49 30 2222", "+49 171 3333"]);
        onPhone.Note.ShouldBeNull();
        onPhone.Photo.ShouldBeNull();

        // The user edits the work number and the display name on the phone; the phone sends its whole (trimmed) contact.
        var edited = rendered.Text.Replace("+49 30 2222", "+49 30 2299", StringComparison.Ordinal).Replace("FN:John Doe", "FN:Johnny Doe", StringComparison.Ordinal);
        var fromPhone = handler.Normalize(edited, "text/x-vcard");
        var result = handler.Merge(stored, stored, fromPhone.Text, caps, ConflictPolicy.ClientWins);

        result.Outcome.ShouldBe(MergeOutcome.Applied);
        result.DeviceNeedsUpdate.ShouldBeFalse();
        var merged = VCardParser.Parse(result.Text).Single();
        merged.FormattedName.ShouldBe("Johnny Doe");
        merged.Telephones.Select(t => t.Number).ShouldBe(["+49 30 1111", "+49 30 2299", "+49 171 3333", "+49 30 4444", "+49 171 5555"]);
        merged.Note.ShouldBe("Met at the conference, call back in May");
        merged.PhotoBytes.ShouldBe(File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "local.png")));
    }

    [Fact]
    public void Without_devinf_the_phone_is_sent_everything_and_its_copy_is_taken_whole()
    {
        var handler = new VCardContentHandler();
        var stored = handler.Normalize(ServerContact(), "text/vcard").Text;
        var rendered = handler.Render(stored, "text/x-vcard", "2.1", null);
        VCardParser.Parse(rendered.Text).Single().Telephones.Count.ShouldBe(5);

        var withoutNote = handler.Normalize(rendered.Text.Replace("NOTE:Met at the conference, call back in May\r\n", string.Empty, StringComparison.Ordinal), "text/x-vcard");
        withoutNote.Text.ShouldNotContain("NOTE");
        var result = handler.Merge(stored, stored, withoutNote.Text, null, ConflictPolicy.ClientWins);
        VCardParser.Parse(result.Text).Single().Note.ShouldBeNull();
    }

    [Fact]
    public void Changes_on_both_sides_to_different_fields_are_merged_and_the_phone_is_updated()
    {
        var handler = new VCardContentHandler();
        var caps = Caps();
        var baseText = handler.Normalize(ServerContact(), "text/vcard").Text;
        var server = handler.Normalize(ServerContact().Replace("+49 30 1111", "+49 30 1199", StringComparison.Ordinal), "text/vcard").Text;
        var phone = handler.Render(baseText, "text/x-vcard", "2.1", caps).Text.Replace("FN:John Doe", "FN:Johnny Doe", StringComparison.Ordinal);

        var result = handler.Merge(baseText, server, handler.Normalize(phone, "text/x-vcard").Text, caps, ConflictPolicy.ClientWins);
        result.Outcome.ShouldBe(MergeOutcome.Merged);
        result.DeviceNeedsUpdate.ShouldBeTrue();
        var merged = VCardParser.Parse(result.Text).Single();
        merged.FormattedName.ShouldBe("Johnny Doe");
        merged.Telephones[0].Number.ShouldBe("+49 30 1199");
        merged.Telephones.Count.ShouldBe(5);
    }
}
