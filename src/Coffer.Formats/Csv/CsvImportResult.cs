namespace Coffer.Formats.Csv;

/// <summary>What an import produced: the layout found, the contacts of every good row, the errors of the others.</summary>
public sealed class CsvImportResult
{
    public required CsvLayout Layout { get; init; }

    /// <summary>The encoding the bytes were read in (BOM, else UTF-8 when valid, else Windows-1252).</summary>
    public required System.Text.Encoding Encoding { get; init; }

    public List<VCard.VCard> Contacts { get; } = [];

    /// <summary>1-based line where each contact's row starts, parallel to <see cref="Contacts"/>.</summary>
    public List<int> ContactLines { get; } = [];

    public List<CsvRowError> Errors { get; } = [];
}
