namespace Coffer.Formats.AppData;

/// <summary>
/// The changes of one SQLite app database since its last acknowledged backup (docs/appdata-change-set.md, seed 001):
/// the modification number it applies to (<see cref="BaseModification"/>) and the one it brings the copy to, the
/// schema statements in order, the rows per table, and the agent's change register rows, so the server's full copy
/// becomes equal to the device's file table by table, row by row.
/// </summary>
public sealed record SqliteChangeSet
{
    /// <summary>The modification number the server's copy must be at (its <c>coffer_mod</c> row).</summary>
    public required long BaseModification { get; init; }

    /// <summary>The modification number of the snapshot the changes were read from.</summary>
    public required long Modification { get; init; }

    /// <summary>SHA-256 of the schema after the statements (<see cref="SqliteSchemaDigest"/>): the server checks it before the rows.</summary>
    public required byte[] SchemaDigest { get; init; }

    public long UserVersion { get; init; }

    public long ApplicationId { get; init; }

    /// <summary>Schema statements (CREATE, DROP, ALTER TABLE ADD COLUMN) in the order they run.</summary>
    public IReadOnlyList<string> Statements { get; init; } = [];

    public IReadOnlyList<SqliteTableChanges> Tables { get; init; } = [];

    /// <summary>The agent's change register rows written since the base (mirrored so the copy's register equals the file's).</summary>
    public IReadOnlyList<SqliteTrackedRow> Tracking { get; init; } = [];
}
