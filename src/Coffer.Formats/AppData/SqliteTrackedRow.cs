namespace Coffer.Formats.AppData;

/// <summary>One row of the agent's change register <c>coffer_change</c>: table, rowid, modification number, deleted.</summary>
public sealed record SqliteTrackedRow(string Table, long RowId, long Modification, bool Deleted);
