using Coffer.Formats.Chunking;

namespace Coffer.Backup;

/// <summary>
/// What a backup holds for one kind of store, read back without the running store: count the items of a reassembled
/// snapshot (verify, restore) and install it as the store of an empty destination (restore).
/// </summary>
public interface ISnapshotFormat
{
    /// <summary>Recorded in the manifest: "sqlite" or "postgres".</summary>
    string Kind { get; }

    /// <summary>The file name of the reassembled snapshot.</summary>
    string FileName { get; }

    /// <summary>
    /// False for a file that changes in place at fixed offsets (database pages: fixed-size chunks); true for a stream,
    /// where an insert shifts everything after it (cut into chunks by content, <see cref="ContentDefinedChunker"/>).
    /// </summary>
    bool StreamShaped { get; }

    /// <summary>Items and versions per user in the reassembled snapshot at <paramref name="path"/>.</summary>
    Task<IReadOnlyList<UserItemCount>> CountAsync(string path, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="BackupException"/> unless <paramref name="destination"/> can take this snapshot (it holds no store).</summary>
    Task CheckDestinationAsync(RestoreDestination destination, CancellationToken cancellationToken);

    /// <summary>Puts the verified snapshot at <paramref name="path"/> into <paramref name="destination"/> as its store.</summary>
    Task InstallAsync(string path, RestoreDestination destination, CancellationToken cancellationToken);
}
