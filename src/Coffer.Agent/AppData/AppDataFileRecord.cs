namespace Coffer.Agent.AppData;

/// <summary>
/// What the agent remembers of one file of the appdata datastore (<c>state/appdata.files.json</c>, shown by
/// <c>status</c>): for a SQLite file the modification number and schema the server's copy is at (those of the last
/// backup the server acknowledged); for any file when that backup was and what it sent, and whether the next backup
/// must send the whole file. The chunk list of a file backed up by deltas is kept beside it (<see cref="FileChunkList"/>).
/// </summary>
public sealed class AppDataFileRecord
{
    public required string Path { get; set; }

    /// <summary>The modification number (<c>coffer_mod</c>) of the snapshot the server's copy holds.</summary>
    public long Modification { get; set; }

    /// <summary>The schema of that snapshot, the base of the next schema changes.</summary>
    public List<SchemaEntry> Schema { get; set; } = [];

    /// <summary>The header values of that snapshot (<c>PRAGMA user_version</c>, <c>application_id</c>).</summary>
    public long UserVersion { get; set; }

    public long ApplicationId { get; set; }

    public DateTimeOffset? LastBackup { get; set; }

    /// <summary><c>full</c> (the whole file), <c>changes</c> (a change set), <c>delta</c> (a file delta) or <c>restored</c>.</summary>
    public string? LastKind { get; set; }

    /// <summary>Bytes of the last item sent: the file, or the compressed change set or file delta.</summary>
    public long LastBytes { get; set; }

    /// <summary>The file's size at the last backup.</summary>
    public long FileSize { get; set; }

    public int FullBackups { get; set; }

    public int ChangeSets { get; set; }

    /// <summary>File deltas acknowledged (a file that is not a database, docs/file-delta.md).</summary>
    public int Deltas { get; set; }

    /// <summary>
    /// The mode of the last backup (<c>incremental</c>, <c>differential</c>, <c>history</c>). In differential mode
    /// <see cref="Modification"/>, <see cref="Schema"/> and the header values are those of the last full, the base of
    /// every differential until the next full.
    /// </summary>
    public string? Mode { get; set; }

    /// <summary>Differentials sent since the last full (differential mode).</summary>
    public int DifferentialsSinceFull { get; set; }

    /// <summary>What the last backup was read from (modification, schema digest, header values): a differential equal to it is not sent again.</summary>
    public string? LastSnapshot { get; set; }

    /// <summary>The server refused the last change set or file delta (an unknown base, a failing statement): the next backup sends the file.</summary>
    public bool NeedsFull { get; set; }
}
