namespace Coffer.Formats.AppData;

/// <summary>
/// The row changes of one table: rows deleted (by rowid) and rows inserted or updated (their rowid and every
/// column's value, in <see cref="Columns"/> order). A <see cref="Whole"/> table is emptied first and then filled
/// with <see cref="Rows"/>: a new table, a table whose definition changed otherwise than by ADD COLUMN, a WITHOUT
/// ROWID table (its rows have no rowid to name them) or SQLite's own <c>sqlite_sequence</c>.
/// </summary>
public sealed record SqliteTableChanges(string Table, IReadOnlyList<string> Columns, bool Whole, bool WithoutRowid, IReadOnlyList<long> Deleted, IReadOnlyList<SqliteRow> Rows);
