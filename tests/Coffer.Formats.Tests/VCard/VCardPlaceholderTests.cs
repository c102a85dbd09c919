using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

/// <summary>
/// A phone configured for vCard 2.1 sends a placeholder for every field it knows (SyncEvolution's 2.1 profile, recorded
/// by CofferLegacyPhoneEditTests): such properties are absent, and GEO converts between 2.1, 3.0 and 4.0.
/// </summary>
public class VCardPlaceholderTests
{
    private static string Card21(params string[] lines) =>
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\nFN:John Doe\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "END:VCARD\r\n";

    private static string Card30(params string[] lines) =>
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nFN:John Doe\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "END:VCARD\r\n";

    private static string[] Lines(string vcard) => vcard.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Geo_placeholder_comma_semicolon_of_a_21_phone_was_stored_and_sent_to_every_phone_as_escaped_comma()
    {
        var card = VCardParser.Parse(Card21("GEO:,;")).Single();

        card.GetProperty("GEO").ShouldBeNull();
        foreach (var version in new[] { VCardVersion.V2_1, VCardVersion.V3_0, VCardVersion.V4_0 })
        {
            VCardWriter.Write(card, version).ShouldNotContain("GEO");
        }
    }

    [Fact]
    public void Geo_lat_comma_lon_semicolon_of_SyncEvolution_21_became_30_lat_escaped_comma_lon()
    {
        var card = VCardParser.Parse(Card21("GEO:30.12,-130.34;")).Single();

        card.GetProperty("GEO")!.Values.ShouldBe([["30.12"], ["-130.34"]]);
        Lines(VCardWriter.Write(card, VCardVersion.V2_1)).ShouldContain("GEO:30.12,-130.34"); // vCard 2.1 §2.4.2
        Lines(VCardWriter.Write(card, VCardVersion.V3_0)).ShouldContain("GEO:30.12;-130.34"); // RFC 2426 §3.4.2
        Lines(VCardWriter.Write(card, VCardVersion.V4_0)).ShouldContain("GEO:geo:30.12,-130.34"); // RFC 6350 §6.5.2
    }

    [Theory]
    [InlineData("GEO:30.12\\,-130.34")]
    [InlineData("GEO:30.12,-130.34")]
    public void Geo_comma_pair_already_stored_as_30_is_read_as_lat_lon(string line)
    {
        var card = VCardParser.Parse(Card30(line)).Single();

        Lines(VCardWriter.Write(card, VCardVersion.V3_0)).ShouldContain("GEO:30.12;-130.34");
    }

    [Fact]
    public void Geo_placeholder_already_stored_as_escaped_comma_was_sent_on_to_every_phone()
    {
        var card = VCardParser.Parse(Card30("GEO:\\,;")).Single();

        VCardWriter.Write(card, VCardVersion.V2_1).ShouldNotContain("GEO");
        VCardWriter.Write(card, VCardVersion.V3_0).ShouldNotContain("GEO");
    }

    [Fact]
    public void Empty_fields_a_21_phone_sends_for_everything_it_knows_were_stored_as_data()
    {
        var text = Card21("X-GENDER:", "PHOTO:", "EMAIL;INTERNET:", "TEL;CELL: ", "ADR;HOME:;;;;;;", "ORG:;", "CATEGORIES:,", "NOTE;ENCODING=QUOTED-PRINTABLE:", "URL:", "TEL;WORK:+49 30 1");
        var card = VCardParser.Parse(text).Single();

        card.Properties.Select(p => p.Name).ShouldBe(["N", "FN", "TEL"]);
        foreach (var version in new[] { VCardVersion.V2_1, VCardVersion.V3_0, VCardVersion.V4_0 })
        {
            var written = VCardWriter.Write(card, version);
            foreach (var name in new[] { "X-GENDER", "PHOTO", "EMAIL", "ADR", "ORG", "CATEGORIES", "NOTE", "URL" })
            {
                written.ShouldNotContain(name, Case.Sensitive, $"{name} in {version}");
            }
        }
    }

    [Fact]
    public void Required_N_given_as_placeholder_was_written_by_neither_the_card_nor_the_required_rule()
    {
        var card = VCardParser.Parse("BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nTEL:+49 30 1\r\nEND:VCARD\r\n", VCardParserOptions.Strict).Single();

        // vCard 2.1 and RFC 2426 §5 require N: the empty one is written once, as the required rule writes a missing N.
        Lines(VCardWriter.Write(card, VCardVersion.V2_1)).Count(l => l.StartsWith("N:", StringComparison.Ordinal)).ShouldBe(1);
        Lines(VCardWriter.Write(card, VCardVersion.V3_0)).Count(l => l.StartsWith("N:", StringComparison.Ordinal)).ShouldBe(1);
        VCardParser.Parse(VCardWriter.Write(card, VCardVersion.V3_0), VCardParserOptions.Strict).Single().GetProperty("TEL").ShouldNotBeNull();
    }

    [Fact]
    public void Escaped_separator_text_is_data_not_a_placeholder()
    {
        var card = VCardParser.Parse(Card30("NOTE:\\,", "TITLE:\\;")).Single();

        Lines(VCardWriter.Write(card, VCardVersion.V3_0)).ShouldContain("NOTE:\\,");
        Lines(VCardWriter.Write(card, VCardVersion.V3_0)).ShouldContain("TITLE:\\;");
    }
}
