namespace Coffer.Formats.AppData;

/// <summary>One row: its rowid (0 and unused in a WITHOUT ROWID table) and its values (null, long, double, string or byte[]).</summary>
public sealed record SqliteRow(long RowId, IReadOnlyList<object?> Values);
