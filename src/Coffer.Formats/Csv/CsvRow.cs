namespace Coffer.Formats.Csv;

/// <summary>One data row addressed by header name (case-insensitive); missing columns read as "".</summary>
internal sealed class CsvRow
{
    private readonly Dictionary<string, int> index;
    private readonly string[] fields;

    public CsvRow(Dictionary<string, int> index, string[] fields)
    {
        this.index = index;
        this.fields = fields;
    }

    /// <summary>The field as written (free text keeps its surrounding whitespace), line breaks as "\n".</summary>
    public string this[string column] =>
        index.TryGetValue(column, out var i) && i < fields.Length ? fields[i].ReplaceLineEndings("\n") : string.Empty;

    public bool IsEmpty => fields.All(string.IsNullOrWhiteSpace);

    public bool Has(string column) => index.ContainsKey(column);
}
