namespace Coffer.Storage;

/// <summary>Where and how the store keeps its data.</summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite database file in <see cref="DataDir"/>.</summary>
    public const string SqliteFileName = "coffer.db";

    /// <summary>Folder holding the database (created when missing).</summary>
    public required string DataDir { get; init; }

    /// <summary>Compress (and later encrypt) pipeline for item payloads.</summary>
    public IPayloadCodec PayloadCodec { get; init; } = new BrotliPayloadCodec();

    /// <summary>
    /// True (default): every commit is flushed to disk before CommitAsync returns (SQLite synchronous=FULL), so a
    /// message acknowledged to a phone survives a power cut. False trades that for speed (synchronous=NORMAL:
    /// still safe against a process crash).
    /// </summary>
    public bool FlushEveryCommit { get; init; } = true;

    /// <summary>How long a unit of work waits for the write lock held by another before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much of the SQLite file the server keeps mapped, and so in memory (see docs/storage.md, "SQLite specifics"):
    /// null (default) is the whole file up to 2 GiB or a quarter of the memory available to the process, whichever is
    /// less; 0 turns it off. The pages are the OS's file cache, shared and reclaimable, not process heap.
    /// </summary>
    public long? ResidentLimitBytes { get; init; }
}
