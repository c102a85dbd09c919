namespace Coffer.Backup;

/// <summary>
/// One table in a PostgreSQL snapshot: its columns in the order of the COPY data, and the identity column with the value
/// its sequence had reached (null when nothing was ever drawn), so a restored database never reuses an id.
/// </summary>
public sealed record PgSnapshotTable(string Name, IReadOnlyList<string> Columns, string? IdentityColumn, long? SequenceValue)
{
    public int ColumnIndex(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        return index >= 0 ? index : throw new BackupException($"table {Name} of the snapshot has no column {column}");
    }
}
