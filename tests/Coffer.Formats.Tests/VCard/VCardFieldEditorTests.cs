using Coffer.Formats;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

public sealed class VCardFieldEditorTests
{
    private const string Card =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nTEL;TYPE=CELL,PREF:+49 170 1\r\nCATEGORIES:friends,work\r\n" +
        "item1.X-ABLABEL;X-SOURCE=phone:Gym\r\nX-UNKNOWN-THING;FOO=bar:a\\;b\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\nNOTE:old\r\nEND:VCARD\r\n";

    [Fact]
    public void Fields_sent_back_unchanged_give_the_card_back_property_for_property()
    {
        var card = VCardParser.Parse(Card).Single();
        var fields = VCardFieldEditor.Fields(card);
        fields.Select(f => f.Name).ShouldBe(["N", "FN", "TEL", "CATEGORIES", "X-ABLABEL", "X-UNKNOWN-THING", "PHOTO", "NOTE"]);
        fields.Single(f => f.Name == "PHOTO").IsBinary.ShouldBeTrue();

        var back = VCardFieldEditor.Apply(card, fields);
        VCardWriter.Write(back, VCardVersion.V3_0).ShouldBe(VCardWriter.Write(card, VCardVersion.V3_0));
    }

    [Fact]
    public void A_changed_field_keeps_its_group_and_other_parameters_and_takes_the_new_type_and_value()
    {
        var card = VCardParser.Parse(Card).Single();
        var fields = VCardFieldEditor.Fields(card);
        var label = fields.Single(f => f.Name == "X-ABLABEL");
        label.Components = ["Climbing"];
        var tel = fields.Single(f => f.Name == "TEL");
        tel.Types = "home";
        tel.Components = ["+49 40 2"];
        fields.Single(f => f.Name == "CATEGORIES").Components = ["friends, family"];
        fields.Single(f => f.Name == "NOTE").Remove = true;
        fields.Remove(fields.Single(f => f.Name == "PHOTO"));
        fields.Add(new VCardField { Name = "adr", Types = "work", Components = ["; ;Main St 1;Springfield;;12345;USA"] });
        fields.Add(new VCardField { Name = "EMAIL", Components = [string.Empty] });

        var edited = VCardFieldEditor.Apply(card, fields);

        edited.GetProperty("X-ABLABEL")!.Group.ShouldBe("item1");
        edited.GetProperty("X-ABLABEL")!.GetParameter("X-SOURCE").ShouldBe("phone");
        edited.GetProperty("X-ABLABEL")!.Value.ShouldBe("Climbing");
        var phone = edited.Telephones.Single();
        (phone.Number, phone.IsPreferred).ShouldBe(("+49 40 2", false));
        phone.Types.ShouldBe(["HOME"]);
        edited.Categories.ShouldBe(["friends", "family"]);
        edited.Note.ShouldBeNull();
        edited.Photo.ShouldBeNull();
        edited.GetProperty("X-UNKNOWN-THING")!.Value.ShouldBe("a;b");
        edited.GetProperty("X-UNKNOWN-THING")!.GetParameter("FOO").ShouldBe("bar");
        var adr = edited.Addresses.Single();
        (adr.Street, adr.Locality, adr.PostalCode, adr.Country).ShouldBe(("Main St 1", "Springfield", "12345", "USA"), "parts split on ';'");
        adr.Types.ShouldBe(["WORK"]);
        edited.Emails.ShouldBeEmpty("an added field left empty is not added");
    }

    [Fact]
    public void An_added_field_with_a_name_that_is_no_property_name_is_refused()
    {
        var card = VCardParser.Parse(Card).Single();
        Should.Throw<PimFormatException>(() => VCardFieldEditor.Apply(card, [new VCardField { Name = "BAD NAME:", Components = ["x"] }]));
    }
}
