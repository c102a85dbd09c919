namespace Coffer.Formats.Csv;

/// <summary>A row that could not be imported: its 1-based line in the file and why.</summary>
public sealed record CsvRowError(int Line, string Message);
