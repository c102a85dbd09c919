namespace Coffer.Backup;

/// <summary>
/// What a backup holds for one kind of store, read back without the running store: count the items of a reassembled
/// snapshot (verify, restore) and install it as the data of an empty data directory (restore).
/// </summary>
public interface ISnapshotFormat
{
    /// <summary>Recorded in the manifest: "sqlite" (a later PostgreSQL source: "postgres").</summary>
    string Kind { get; }

    /// <summary>The file name of the snapshot in a data directory.</summary>
    string FileName { get; }

    /// <summary>Items and versions per user in the reassembled snapshot at <paramref name="path"/>.</summary>
    Task<IReadOnlyList<UserItemCount>> CountAsync(string path, CancellationToken cancellationToken);

    /// <summary>Moves the verified snapshot at <paramref name="path"/> into <paramref name="dataDir"/> as its store.</summary>
    Task InstallAsync(string path, string dataDir, CancellationToken cancellationToken);
}
