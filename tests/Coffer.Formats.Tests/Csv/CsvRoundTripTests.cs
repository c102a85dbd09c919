using Coffer.Formats.Csv;
using Coffer.Formats.VCard;
using Coffer.TestData;

namespace Coffer.Formats.Tests.Csv;

public class CsvRoundTripTests
{
    public static TheoryData<string, CsvLayout> Cases()
    {
        var data = new TheoryData<string, CsvLayout>();
        foreach (var file in new[] { "eds_contact.vcf", "carddav.vcf", "qt_contact.vcf" })
        {
            foreach (var layout in Enum.GetValues<CsvLayout>())
            {
                data.Add(file, layout);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Syncevolution_contacts_survive_export_and_import_in_what_the_layout_can_hold(string file, CsvLayout layout)
    {
        var cards = VCardParser.Parse(File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file)));
        var csv = ContactCsvWriter.WriteBytes(cards, layout);
        var result = ContactCsvReader.Read(csv);
        result.Layout.ShouldBe(layout);

        // A card with nothing a contact CSV can hold (only UID/REV/photo...) produces an empty row, reported as such.
        var kept = cards.Where(c => !IsBlank(c)).ToList();
        result.Contacts.Count.ShouldBe(kept.Count, string.Join("; ", result.Errors));
        for (var i = 0; i < kept.Count; i++)
        {
            var (before, after) = (kept[i], result.Contacts[i]);
            var id = $"{file} card {i} ({before.FormattedName})";
            (after.Name?.Family ?? string.Empty).ShouldBe(before.Name?.Family ?? string.Empty, id);
            (after.Name?.Given ?? string.Empty).ShouldBe(before.Name?.Given ?? string.Empty, id);
            (after.Name?.Additional ?? string.Empty).ShouldBe(before.Name?.Additional ?? string.Empty, id);
            (after.Name?.Prefix ?? string.Empty).ShouldBe(before.Name?.Prefix ?? string.Empty, id);
            (after.Name?.Suffix ?? string.Empty).ShouldBe(before.Name?.Suffix ?? string.Empty, id);
            (after.Note ?? string.Empty).ShouldBe((before.Note ?? string.Empty).ReplaceLineEndings("\n"), id);
            (after.Organization.FirstOrDefault() ?? string.Empty).ShouldBe(before.Organization.FirstOrDefault() ?? string.Empty, id);
            (after.GetProperty("TITLE")?.Value ?? string.Empty).ShouldBe(before.GetProperty("TITLE")?.Value ?? string.Empty, id);
            Normalize(after.Birthday).ShouldBe(Normalize(before.Birthday), id);

            var emailsBefore = before.Emails.Select(e => e.Address).Where(a => a.Length > 0).ToList();
            var emailsAfter = after.Emails.Select(e => e.Address).ToList();
            // Numbers are compared trimmed: qt_contact.vcf pads one with spaces, which a CSV cell does not keep.
            var phonesBefore = before.Telephones.Select(t => t.Number.Trim()).Where(n => n.Length > 0).ToList();
            var phonesAfter = after.Telephones.Select(t => t.Number).ToList();
            if (layout == CsvLayout.Outlook)
            {
                // Three e-mail columns; phone columns by kind (a number whose kind is full is dropped).
                emailsAfter.ShouldBe(emailsBefore.Take(3).ToList(), ignoreOrder: true, id);
                phonesAfter.ShouldBeSubsetOf(phonesBefore, id);
                (phonesAfter.Count > 0).ShouldBe(phonesBefore.Count > 0, id);
            }
            else
            {
                after.FormattedName.ShouldBe(before.FormattedName, id);
                emailsAfter.ShouldBe(emailsBefore, id);
                phonesAfter.ShouldBe(phonesBefore, id);
                after.Categories.ShouldBe(before.Categories.Where(c => c.Length > 0).ToList(), id);
                after.Addresses.Select(Street).ShouldBe(before.Addresses.Where(HasContent).Select(Street).ToList(), id);
            }
        }

        // Export is a fixpoint once the data fits the layout.
        ContactCsvWriter.Write(result.Contacts, layout).ShouldBe(ContactCsvWriter.Write(ContactCsvReader.Read(csv).Contacts, layout));
        ContactCsvWriter.Write(ContactCsvReader.Read(ContactCsvWriter.WriteBytes(result.Contacts, layout)).Contacts, layout)
            .ShouldBe(ContactCsvWriter.Write(result.Contacts, layout));
    }

    private static bool IsBlank(Coffer.Formats.VCard.VCard c) =>
        string.IsNullOrEmpty(c.FormattedName) && c.Name is null && c.Emails.All(e => e.Address.Length == 0) && c.Telephones.Count == 0;

    private static bool HasContent(VCardAddress a) =>
        string.Concat(a.PostOfficeBox, a.Extended, a.Street, a.Locality, a.Region, a.PostalCode, a.Country).Length > 0;

    private static string Street(VCardAddress a) => string.Join("|", a.Street, a.Locality, a.PostalCode, a.Country);

    private static string Normalize(string? bday)
    {
        if (string.IsNullOrEmpty(bday))
        {
            return string.Empty;
        }

        var digits = bday.Split('T')[0].Replace("-", string.Empty, StringComparison.Ordinal);
        return digits;
    }
}
