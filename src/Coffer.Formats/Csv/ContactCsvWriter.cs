using System.Globalization;
using System.Text;
using CsvHelper;

namespace Coffer.Formats.Csv;

/// <summary>Exports vCards to Google or Outlook CSV (RFC 4180: CRLF records, quoted fields where needed).</summary>
public static class ContactCsvWriter
{
    public static string Write(IEnumerable<VCard.VCard> cards, CsvLayout layout)
    {
        var contacts = cards.Select(ContactFields.FromVCard).ToList();
        List<string> header;
        List<List<string>> rows;
        if (layout == CsvLayout.Outlook)
        {
            header = [.. OutlookCsvMapper.Header];
            rows = contacts.Select(OutlookCsvMapper.Write).ToList();
        }
        else
        {
            (header, rows) = GoogleCsvMapper.Write(contacts, legacy: layout == CsvLayout.GoogleLegacy);
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows)
            {
                // Line breaks inside a quoted field are kept as CRLF, as both importers expect.
                csv.WriteRecord([.. row.Select(cell => cell.ReplaceLineEndings("\r\n"))]);
            }
        }

        return text.ToString();
    }

    /// <summary>UTF-8 with a byte order mark, which both Google and Outlook take as UTF-8.</summary>
    public static byte[] WriteBytes(IEnumerable<VCard.VCard> cards, CsvLayout layout) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Write(cards, layout))];
}
