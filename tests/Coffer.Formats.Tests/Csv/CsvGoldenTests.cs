using System.Text;
using Coffer.Formats.Csv;
using Coffer.TestData;

namespace Coffer.Formats.Tests.Csv;

public class CsvGoldenTests
{
    private static byte[] Load(string name) =>
        File.ReadAllBytes(Path.Combine(TestDataPaths.RepoRoot, "tests", "Coffer.Formats.Tests", "Csv", "Golden", name));

    [Fact]
    public void Google_legacy_export_maps_names_typed_multi_values_groups_and_organization()
    {
        var result = ContactCsvReader.Read(Load("google-legacy.csv"));
        result.Layout.ShouldBe(CsvLayout.GoogleLegacy);
        result.Errors.ShouldBeEmpty();
        var (jm, ann) = (result.Contacts[0], result.Contacts[1]);

        jm.FormattedName.ShouldBe("Jürgen Müller");
        (jm.Name!.Given, jm.Name.Family, jm.Name.Prefix).ShouldBe(("Jürgen", "Müller", "Dr."));
        jm.Birthday.ShouldBe("1975-04-30");
        jm.Note.ShouldBe("Met at FOSDEM\nlikes tea, not coffee");
        jm.Categories.ShouldBe(["Friends", "Work"]);
        jm.Emails.Select(e => e.Address).ShouldBe(["juergen@example.de", "jm@example.org", "j.m@example.net"]);
        jm.Emails[0].IsPreferred.ShouldBeTrue();
        jm.Emails[0].Types.ShouldContain("WORK");
        jm.Emails[1].Types.ShouldContain("HOME");
        jm.Telephones.Single(t => t.Number == "+49 170 1234567").Types.ShouldContain("CELL");
        jm.Telephones.Single(t => t.Number == "+49 30 987654").Types.ShouldBe(["WORK", "FAX"], ignoreOrder: true);
        var home = jm.Addresses.Single();
        (home.Street, home.Locality, home.PostalCode, home.Country).ShouldBe(("Hauptstr. 1", "Berlin", "10115", "Germany"));
        home.Types.ShouldContain("HOME");
        jm.Organization.ShouldBe(["Example GmbH", "R&D"]);
        jm.GetProperty("TITLE")!.Value.ShouldBe("CTO");
        jm.GetProperty("URL")!.Value.ShouldBe("https://example.de/jm");

        ann.Birthday.ShouldBe("--07-14");
        ann.Categories.ShouldBeEmpty();
        // The first record spans lines 2-5 (line breaks inside quoted Notes and Formatted address).
        result.ContactLines.ShouldBe([2, 6]);
    }

    [Fact]
    public void Google_current_export_with_first_last_name_header_and_labels()
    {
        var result = ContactCsvReader.Read(Load("google.csv"));
        result.Layout.ShouldBe(CsvLayout.Google);
        result.Errors.ShouldBeEmpty();
        var sk = result.Contacts[0];
        (sk.Name!.Given, sk.Name.Additional, sk.Name.Family, sk.Name.Suffix).ShouldBe(("Søren", "K.", "Kierkegaard", "Jr."));
        sk.GetProperty("NICKNAME")!.Value.ShouldBe("SK");
        sk.Categories.ShouldBe(["Authors"]);
        sk.Telephones.Single(t => t.IsPreferred).Number.ShouldBe("+45 1234 5678");
        sk.Telephones.Single(t => t.Types.Contains("PAGER")).Number.ShouldBe("+45 8765");
        var work = sk.Addresses.Single();
        (work.PostOfficeBox, work.Street, work.Locality).ShouldBe(("PO 7", "Nørregade 10", "København"));
        sk.Birthday.ShouldBe("1813-05-05");

        var acme = result.Contacts[1];
        acme.FormattedName.ShouldBe("ACME Corp");
        acme.Emails.Single().Address.ShouldBe("info@acme.example");
    }

    [Fact]
    public void Outlook_ansi_export_is_read_as_windows_1252()
    {
        var result = ContactCsvReader.Read(Load("outlook-windows1252.csv"));
        result.Layout.ShouldBe(CsvLayout.Outlook);
        result.Encoding.CodePage.ShouldBe(1252);
        result.Errors.ShouldBeEmpty();
        var fd = result.Contacts[0];
        fd.FormattedName.ShouldBe("M. François Dupré");
        fd.Name!.Prefix.ShouldBe("M.");
        fd.Birthday.ShouldBe("1980-02-29");
        fd.Note.ShouldBe("Café owner; \"best\" croissants");
        fd.Emails.Select(e => e.Address).ShouldBe(["f.dupre@example.fr", "fd@example.com"]);
        fd.Telephones.Single(t => t.Types.Contains("CELL")).Number.ShouldBe("+33 6 12 34 56 78");
        fd.Telephones.Single(t => t.Types.Contains("FAX")).Types.ShouldContain("WORK");
        var work = fd.Addresses.Single();
        (work.Street, work.Locality, work.Country).ShouldBe(("12 rue de la Paix\nBâtiment B", "Paris", "France"));
        work.Types.ShouldContain("WORK");
        fd.Organization.ShouldBe(["Café Dupré"]);
        fd.Categories.ShouldBe(["Business", "Food"]);
        result.Contacts[1].Birthday.ShouldBeNull();
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    public void Byte_order_marks_select_the_encoding(string kind)
    {
        var text = Encoding.GetEncoding(1252).GetString(Load("outlook-windows1252.csv"));
        var bytes = kind switch
        {
            "utf-16le" => [.. new UnicodeEncoding(false, true).GetPreamble(), .. new UnicodeEncoding(false, true).GetBytes(text)],
            "utf-16be" => [.. new UnicodeEncoding(true, true).GetPreamble(), .. new UnicodeEncoding(true, true).GetBytes(text)],
            _ => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
        };
        var result = ContactCsvReader.Read(bytes);
        result.Contacts[0].FormattedName.ShouldBe("M. François Dupré");
        result.Encoding.WebName.ShouldStartWith(kind.StartsWith("utf-16", StringComparison.Ordinal) ? "utf-16" : "utf-8");
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_lines_while_the_good_rows_import()
    {
        var result = ContactCsvReader.Read(Load("outlook-with-bad-rows.csv"));
        result.Contacts.Select(c => c.FormattedName).ShouldBe(["Good One", "Good Two"]);
        result.ContactLines.ShouldBe([2, 6]);
        result.Contacts[1].Note.ShouldBe("multi\nline");
        result.Errors.Select(e => e.Line).ShouldBe([3, 4, 5, 8]);
        result.Errors[0].Message.ShouldContain("Birthday");
    }

    [Fact]
    public void Unknown_header_is_rejected_with_a_pim_format_exception()
    {
        Should.Throw<PimFormatException>(() => ContactCsvReader.Read("Foo,Bar\r\n1,2\r\n")).Line.ShouldBe(1);
        Should.Throw<PimFormatException>(() => ContactCsvReader.Read(string.Empty));
    }
}
