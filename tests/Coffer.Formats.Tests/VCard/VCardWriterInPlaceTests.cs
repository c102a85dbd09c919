using System.Text;
using Coffer.Formats.ContentLines;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

/// <summary>
/// <see cref="VCardWriter.Write(Coffer.Formats.VCard.VCard, VCardVersion)"/> writes most properties straight into its
/// output; that must give, byte for byte, what converting each property to a content line and writing the line gives.
/// </summary>
public class VCardWriterInPlaceTests
{
    public static TheoryData<VCardVersion> Versions() => new([VCardVersion.V2_1, VCardVersion.V3_0, VCardVersion.V4_0]);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_real_vcard_is_written_as_its_content_lines_would_be(VCardVersion version)
    {
        var cards = VCardVectors.AllItems().Concat(VCardVectors.EmbeddedInCaptures().Select(e => e.VCard)).SelectMany(t => VCardParser.Parse(t)).ToList();
        cards.Count.ShouldBeGreaterThan(50);
        foreach (var card in cards)
        {
            VCardWriter.Write(card, version).ShouldBe(LineByLine(card, version));
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Long_non_ascii_and_escaped_values_fold_and_escape_alike(VCardVersion version)
    {
        var card = new Coffer.Formats.VCard.VCard();
        card.Properties.Add(new VCardProperty("N", "Müller-Lüdenscheidt", "Jürgen", string.Empty, string.Empty, string.Empty));
        card.Properties.Add(new VCardProperty("FN", "Jürgen Müller-Lüdenscheidt"));
        card.Properties.Add(new VCardProperty("NOTE", new string('ä', 30) + "; a, b\\c\nline two"));
        card.Properties.Add(new VCardProperty("NOTE", new string('é', 37))); // 37 chars, 74 octets + "NOTE:": folds on octets only
        card.Properties.Add(new VCardProperty("X-LONG", new string('x', 200)));
        card.Properties.Add(new VCardProperty("ORG", "A;B", "C,D") { Group = "item1" });
        card.Properties.Add(new VCardProperty("GEO", "48.1", "11.5"));
        card.Properties.Add(new VCardProperty("CATEGORIES", "one", "two"));
        card.Properties.Add(new VCardProperty("URL", "http://example.org/a;b,c"));
        var written = VCardWriter.Write(card, version);
        written.ShouldBe(LineByLine(card, version));
        written.Split("\r\n").ShouldAllBe(line => Encoding.UTF8.GetByteCount(line) <= 75);
    }

    private static string LineByLine(Coffer.Formats.VCard.VCard card, VCardVersion version)
    {
        var options = new ContentLineWriterOptions { LegacyBase64Layout = version == VCardVersion.V2_1 };
        var sb = new StringBuilder();
        ContentLineWriter.Write(sb, new ContentLine("BEGIN", "VCARD"), options);
        ContentLineWriter.Write(sb, new ContentLine("VERSION", version switch { VCardVersion.V2_1 => "2.1", VCardVersion.V3_0 => "3.0", _ => "4.0" }), options);
        if (version != VCardVersion.V4_0 && card.GetProperty("N") is null)
        {
            ContentLineWriter.Write(sb, VCardWriter.ToContentLine(new VCardProperty("N", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty), version), options);
        }

        if (version != VCardVersion.V2_1 && card.GetProperty("FN") is null)
        {
            var n = card.Name;
            var fn = n is null ? string.Empty : string.Join(' ', new[] { n.Prefix, n.Given, n.Additional, n.Family, n.Suffix }.Where(s => s.Length > 0));
            ContentLineWriter.Write(sb, VCardWriter.ToContentLine(new VCardProperty("FN", fn), version), options);
        }

        foreach (var p in card.Properties)
        {
            ContentLineWriter.Write(sb, VCardWriter.ToContentLine(p, version), options);
        }

        ContentLineWriter.Write(sb, new ContentLine("END", "VCARD"), options);
        return sb.ToString();
    }
}
