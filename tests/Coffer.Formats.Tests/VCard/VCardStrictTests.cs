using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

public class VCardStrictTests
{
    [Theory]
    [InlineData("BEGIN:VCARD\r\nFN:x\r\nN:x\r\nEND:VCARD\r\n", "without VERSION")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:x;;;;\r\nEND:VCARD\r\n", "requires FN")]
    [InlineData("BEGIN:VCARD\r\nVERSION:4.0\r\nN:x;;;;\r\nEND:VCARD\r\n", "requires FN")]
    [InlineData("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:x\r\nEND:VCARD\r\n", "requires N")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:x;;;;\r\nFN:x\r\nTEL;HOME:1\r\nEND:VCARD\r\n", "without a name")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:x;;;;\r\nFN;ENCODING=QUOTED-PRINTABLE:x\r\nEND:VCARD\r\n", "not allowed")]
    [InlineData("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nPHOTO;ENCODING=b:AAAA\r\nEND:VCARD\r\n", "not allowed")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nN:x;;;;\r\nFN:a\\qb\r\nEND:VCARD\r\n", "escape")]
    [InlineData("BEGIN:VCARD\r\nVERSION:5.0\r\nFN:x\r\nEND:VCARD\r\n", "VERSION")]
    [InlineData("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "not a vCard")]
    public void Strict_rejects_what_the_version_forbids_and_loose_reads_it(string text, string message)
    {
        Should.Throw<PimFormatException>(() => VCardParser.Parse(text, VCardParserOptions.Strict)).Message.ShouldContain(message);
        Should.NotThrow(() => VCardParser.Parse(text));
    }

    [Fact]
    public void Loose_guesses_21_from_bare_parameters_when_VERSION_is_missing()
    {
        var card = VCardParser.Parse("BEGIN:VCARD\nN:Doe\\;Smith;Jo\nTEL;CELL:1\nEND:VCARD\n").Single();
        card.Version.ShouldBe(VCardVersion.V2_1);
        card.Name!.Family.ShouldBe("Doe;Smith");
        card.Telephones.Single().Types.ShouldBe(["CELL"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Real_vectors_are_strictly_valid(string file)
    {
        VCardParser.Parse(VCardVectors.ReadFile(file), VCardParserOptions.Strict).Count.ShouldBeGreaterThan(10);
    }

    public static TheoryData<string> Files => VCardVectors.FileNames();
}
