using Coffer.Formats.Merge;
using Coffer.Formats.Tests.VCard;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.Merge;

/// <summary>The copy-free trim used when rendering a refresh must cut exactly what <see cref="FieldMerge.Trim(Coffer.Formats.VCard.VCard, DeviceCapabilities?)"/> cuts.</summary>
public class TrimInPlaceTests
{
    public static TheoryData<string> CapSets() => new(["three-phones", "syncevolution", "minimal", "wildcard"]);

    private static DeviceCapabilities Caps(string name) => name switch
    {
        "three-phones" => new([new("N", 1), new("FN", 1), new("TEL", 3), new("EMAIL", 1), new("ADR", 2)]),
        "syncevolution" => new(new[] { "N", "FN", "TEL", "EMAIL", "ADR", "ORG", "TITLE", "NOTE", "URL", "BDAY", "PHOTO", "NICKNAME", "CATEGORIES", "X-EVOLUTION-FILE-AS" }
            .Select(n => new PropertyCapability(n, null))),
        "minimal" => new([new("N", 1), new("TEL", 1)]),
        _ => new([new("N", 1), new("FN", 1), new("X-*", 2), new("TEL", 2), new("EMAIL", 2)]),
    };

    [Theory]
    [MemberData(nameof(CapSets))]
    public void Trim_in_place_cuts_what_trim_cuts_on_every_real_vcard(string capSet)
    {
        var caps = Caps(capSet);
        var cards = VCardVectors.AllItems().Concat(VCardVectors.EmbeddedInCaptures().Select(e => e.VCard)).ToList();
        cards.Count.ShouldBeGreaterThan(50);
        var trimmedSomething = 0;
        foreach (var text in cards)
        {
            foreach (var card in VCardParser.Parse(text))
            {
                var expected = VCardWriter.Write(FieldMerge.Trim(card, caps), VCardVersion.V3_0);
                var before = card.Properties.Count;
                var actual = VCardWriter.Write(FieldMerge.TrimInPlace(card, caps), VCardVersion.V3_0);
                actual.ShouldBe(expected, text);
                trimmedSomething += card.Properties.Count < before ? 1 : 0;
            }
        }

        trimmedSomething.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Preferred_occurrences_stay_first_in_place_too()
    {
        var card = Cards.V30("N:Doe;John;;;", "TEL;TYPE=HOME:1", "TEL;TYPE=WORK:2", "TEL;TYPE=CELL,PREF:3", "TEL:4");
        FieldMerge.TrimInPlace(card, new DeviceCapabilities([new("N", 1), new("TEL", 2)]));
        Cards.Values(card, "TEL").ShouldBe(["1", "3"]);
    }
}
