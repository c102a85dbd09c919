using System.Globalization;
using CsvHelper;

namespace Coffer.Formats.Csv;

/// <summary>
/// Imports contacts from Google or Outlook CSV (RFC 4180 syntax, read with CsvHelper). The layout comes from
/// the header row unless given; each data row becomes a <see cref="VCard.VCard"/> or, when it cannot be read,
/// a <see cref="CsvRowError"/> with its line, and the other rows still import.
/// </summary>
public static class ContactCsvReader
{
    /// <summary>Reads a file's bytes: BOM (UTF-8, UTF-16), else UTF-8 when valid, else Windows-1252.</summary>
    public static CsvImportResult Read(ReadOnlySpan<byte> bytes, CsvLayout? layout = null)
    {
        var text = CsvEncodingDetector.Decode(bytes, out var encoding);
        return Read(text, layout, encoding);
    }

    public static CsvImportResult Read(Stream stream, CsvLayout? layout = null)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.ToArray(), layout);
    }

    /// <summary>Reads already-decoded text. Throws <see cref="PimFormatException"/> only when there is no recognizable header.</summary>
    public static CsvImportResult Read(string text, CsvLayout? layout = null, System.Text.Encoding? encoding = null)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,

            // RFC 4180 §2: quotes must enclose a field and be doubled inside it. Such rows are reported, not guessed at.
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = malformed.Add,
        };
        using var csv = CsvReader.FromText(text.TrimStart('\uFEFF'), options);
        IReadOnlyList<string> header;
        try
        {
            header = [.. csv.Headers];
        }
        catch (Exception e) when (e is CsvFormatException or InvalidOperationException)
        {
            throw new PimFormatException("Unreadable CSV header: " + e.Message, e) { Line = 1 };
        }

        if (header.Count == 0)
        {
            throw new PimFormatException("CSV file has no header row.") { Line = 1 };
        }

        var detected = layout ?? CsvLayoutDetector.Detect(header)
            ?? throw new PimFormatException("CSV header matches neither the Google nor the Outlook contact layout.") { Line = 1 };
        var result = new CsvImportResult { Layout = detected, Encoding = encoding ?? new System.Text.UTF8Encoding(false) };
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                result.Errors.Add(new CsvRowError((int)e.LineNumber, e.Message));
                break;
            }

            if (!more)
            {
                break;
            }

            var line = (int)csv.LineNumber;
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i) ?? string.Empty;
            }

            if (fields.Length > header.Count && fields.Skip(header.Count).Any(f => f.Length > 0))
            {
                result.Errors.Add(new CsvRowError(line, $"{fields.Length} fields but the header has {header.Count}"));
                continue;
            }

            var row = new CsvRow(index, fields);
            if (row.IsEmpty)
            {
                continue;
            }

            try
            {
                var contact = detected switch
                {
                    CsvLayout.Outlook => OutlookCsvMapper.Read(row),
                    _ => GoogleCsvMapper.Read(row, legacy: detected == CsvLayout.GoogleLegacy),
                };
                if (contact.IsEmpty)
                {
                    result.Errors.Add(new CsvRowError(line, "row has no name, organization, e-mail, phone or address"));
                    continue;
                }

                result.Contacts.Add(contact.ToVCard());
                result.ContactLines.Add(line);
            }
            catch (FormatException e)
            {
                result.Errors.Add(new CsvRowError(line, e.Message));
            }
        }

        result.Errors.AddRange(malformed.Where(m => m.Skipped).Select(m => new CsvRowError((int)m.LineNumber, "malformed quoting (" + m.Reason + ")")));
        result.Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return result;
    }

    private static string Shorten(string field) => field.Length > 40 ? field[..40] + "..." : field;
}
