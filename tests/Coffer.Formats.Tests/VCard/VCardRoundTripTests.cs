using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

public class VCardRoundTripTests
{
    public static TheoryData<string> Files => VCardVectors.FileNames();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_test_vcard_reserializes_without_losing_a_property(string file)
    {
        var items = VCardVectors.Items(VCardVectors.ReadFile(file));
        items.Count.ShouldBeGreaterThan(10);
        var cards = VCardParser.Parse(VCardVectors.ReadFile(file));
        cards.Count.ShouldBe(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var written = VCardWriter.Write(cards[i]);
            VCardVectors.LineFingerprints(written).ShouldBe(VCardVectors.LineFingerprints(items[i], keepPlaceholders: false), $"{file} item {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_write30_parse_gives_the_same_model(string file)
    {
        foreach (var item in VCardVectors.Items(VCardVectors.ReadFile(file)))
        {
            var card = VCardParser.Parse(item).Single();
            var again = VCardParser.Parse(VCardWriter.Write(card, VCardVersion.V3_0), VCardParserOptions.Strict).Single();
            again.Version.ShouldBe(VCardVersion.V3_0);
            VCardVectors.ModelFingerprints(again).ShouldBe(VCardVectors.ModelFingerprints(card));
        }
    }

    /// <summary>
    /// What vCard 2.1 cannot carry, spelled out independently of the writer: parameter values that are not
    /// plain words (vCard 2.1 §2.1.2 has no quoting: no , ; : " = [ ] whitespace or non-ASCII) are dropped,
    /// and ","-lists inside components become one text joined with "," (2.1 has no lists), except CATEGORIES
    /// and NICKNAME, whose commas 2.1 devices use as separators. Everything else must survive.
    /// </summary>
    private static VCardProperty What21Keeps(VCardProperty p)
    {
        foreach (var param in p.Parameters)
        {
            param.Values.RemoveAll(v => v.Length == 0 || v.Any(c => c <= ' ' || c >= 0x7F || ",;:\"=[]".Contains(c)));
        }

        p.Parameters.RemoveAll(x => x.Values.Count == 0);
        if (p.Name is not ("CATEGORIES" or "NICKNAME"))
        {
            for (var i = 0; i < p.Values.Count; i++)
            {
                p.Values[i] = [string.Join(',', p.Values[i])];
            }
        }

        return p;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Vcard30_to_21_to_30_keeps_everything_21_can_represent(string file)
    {
        foreach (var item in VCardVectors.Items(VCardVectors.ReadFile(file)))
        {
            var card = VCardParser.Parse(item, VCardParserOptions.Strict).Single();
            var v21 = VCardWriter.Write(card, VCardVersion.V2_1);
            var back21 = VCardParser.Parse(v21, VCardParserOptions.Strict).Single();
            back21.Version.ShouldBe(VCardVersion.V2_1);
            v21.ShouldNotContain(";TYPE="); // 2.1 types are bare
            v21.Split("\r\n").ShouldAllBe(l => l.Length <= 75);
            var back30 = VCardParser.Parse(VCardWriter.Write(back21, VCardVersion.V3_0), VCardParserOptions.Strict).Single();
            VCardVectors.ModelFingerprints(back30, What21Keeps).ShouldBe(VCardVectors.ModelFingerprints(card, What21Keeps));
        }
    }

    [Fact]
    public void Vcard21_drops_only_component_lists_and_unquotable_parameters()
    {
        const string v30 = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John,Johnny;;;\r\nFN:John Doe\r\n"
            + "X-FOO;X-LABEL=\"a b, c\";X-KEEP=word:x\r\nCATEGORIES:a,b\r\nEND:VCARD\r\n";
        var card = VCardParser.Parse(v30, VCardParserOptions.Strict).Single();
        var back = VCardParser.Parse(VCardWriter.Write(VCardParser.Parse(VCardWriter.Write(card, VCardVersion.V2_1)).Single(), VCardVersion.V3_0)).Single();
        back.GetProperty("N")!.Values[1].ShouldBe(["John,Johnny"]);
        back.GetProperty("X-FOO")!.Parameters.Select(p => p.ToString()).ShouldBe(["X-KEEP=word"]);
        back.Categories.ShouldBe(["a", "b"]);
        VCardVectors.ModelFingerprints(back, What21Keeps).ShouldBe(VCardVectors.ModelFingerprints(card, What21Keeps));
        VCardVectors.ModelFingerprints(back).ShouldNotBe(VCardVectors.ModelFingerprints(card));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Vcard40_round_trips_and_converts_back_to_30(string file)
    {
        foreach (var item in VCardVectors.Items(VCardVectors.ReadFile(file)))
        {
            var card = VCardParser.Parse(item).Single();
            var v40 = VCardWriter.Write(card, VCardVersion.V4_0);
            v40.ShouldNotContain("ENCODING=");
            var parsed40 = VCardParser.Parse(v40, VCardParserOptions.Strict).Single();
            parsed40.Version.ShouldBe(VCardVersion.V4_0);
            var again40 = VCardParser.Parse(VCardWriter.Write(parsed40, VCardVersion.V4_0), VCardParserOptions.Strict).Single();
            VCardVectors.ModelFingerprints(again40).ShouldBe(VCardVectors.ModelFingerprints(parsed40));

            var back30 = VCardParser.Parse(VCardWriter.Write(parsed40, VCardVersion.V3_0), VCardParserOptions.Strict).Single();
            VCardVectors.ModelFingerprints(back30, VCardVectors.PrefAsType).ShouldBe(VCardVectors.ModelFingerprints(card, VCardVectors.PrefAsType));
        }
    }

    [Fact]
    public void Embedded_vcards_in_captured_syncml_sessions_parse()
    {
        var embedded = VCardVectors.EmbeddedInCaptures();
        embedded.Count.ShouldBeGreaterThan(10);
        embedded.Select(e => e.VCard).ShouldContain(v => v.Contains("VERSION:2.1"));
        foreach (var (file, text) in embedded)
        {
            var cards = VCardParser.Parse(text, VCardParserOptions.Strict);
            cards.ShouldNotBeEmpty(file);
            foreach (var card in cards)
            {
                card.Name.ShouldNotBeNull(file);
                card.Telephones.Concat<object>(card.Emails).ShouldNotBeEmpty(file);
                var again = VCardParser.Parse(VCardWriter.Write(card), VCardParserOptions.Strict).Single();
                VCardVectors.ModelFingerprints(again).ShouldBe(VCardVectors.ModelFingerprints(card), file);
            }
        }
    }
}
