using Coffer.Formats.Merge;
using Coffer.Formats.Tests.VCard;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.Merge;

/// <summary>
/// Rendering sends a stored vCard 3.0 unchanged when <see cref="HeldWhole.VCard30"/> says the device holds all of it:
/// that is only right if parsing, trimming and writing it again would give the same text.
/// </summary>
public class HeldWholeTests
{
    public static TheoryData<string> CapSets() => new(["everything", "three-phones", "syncevolution", "minimal", "wildcard"]);

    private static DeviceCapabilities Caps(string name) => name switch
    {
        "everything" => DeviceCapabilities.Everything,
        "three-phones" => new([new("N", 1), new("FN", 1), new("TEL", 3), new("EMAIL", 1), new("ADR", 2)]),
        "syncevolution" => new(new[] { "N", "FN", "TEL", "EMAIL", "ADR", "ORG", "TITLE", "NOTE", "URL", "BDAY", "PHOTO", "NICKNAME", "CATEGORIES", "X-EVOLUTION-FILE-AS", "UID", "REV", "PRODID" }
            .Select(n => new PropertyCapability(n, null))),
        "minimal" => new([new("N", 1), new("TEL", 1)]),
        _ => new([new("N", 1), new("FN", 1), new("X-*", 2), new("TEL", 2), new("EMAIL", 2), new("UID", 1), new("REV", 1), new("PRODID", 1)]),
    };

    [Theory]
    [MemberData(nameof(CapSets))]
    public void A_card_held_whole_renders_as_the_stored_text_on_every_real_vcard(string capSet)
    {
        var caps = Caps(capSet);
        var cards = VCardVectors.AllItems().Concat(VCardVectors.EmbeddedInCaptures().Select(e => e.VCard)).ToList();
        var whole = 0;
        var cut = 0;
        foreach (var text in cards)
        {
            foreach (var parsed in VCardParser.Parse(text))
            {
                // As stored: the normalized vCard 3.0 the sync engine keeps.
                var stored = VCardWriter.Write(parsed, VCardVersion.V3_0);
                var card = VCardParser.Parse(stored).Single();
                var before = card.Properties.Count;
                var rendered = VCardWriter.Write(FieldMerge.TrimInPlace(card, caps), VCardVersion.V3_0);
                if (HeldWhole.VCard30(stored, caps))
                {
                    rendered.ShouldBe(stored, text);
                    card.Properties.Count.ShouldBe(before);
                    whole++;
                }
                else
                {
                    cut += card.Properties.Count < before ? 1 : 0;
                }
            }
        }

        if (capSet is "everything" or "syncevolution")
        {
            whole.ShouldBeGreaterThan(50);
        }

        if (capSet != "everything")
        {
            cut.ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nTEL:1\r\nTEL:2\r\nEND:VCARD\r\n", true)]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nTEL:1\r\nTEL:2\r\nTEL:3\r\nEND:VCARD\r\n", false)]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nitem1.TEL:1\r\nitem2.tel:2\r\nitem3.TEL:3\r\nEND:VCARD\r\n", false)]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nNOTE:not held\r\nEND:VCARD\r\n", false)]
    [InlineData("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John;;;\r\nEND:VCARD\r\n", false)]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Roe;Jane;;;\r\nEND:VCARD\r\n", false)]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;\r\n John;;;\r\nTEL;TYPE=CELL:1\r\nEND:VCARD\r\n", true)]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nno colon here\r\nEND:VCARD\r\n", false)]
    public void Counts_names_after_groups_against_max_occur(string stored, bool held)
    {
        var caps = new DeviceCapabilities([new("N", 1), new("TEL", 2)]);
        HeldWhole.VCard30(stored, caps).ShouldBe(held);
    }
}
