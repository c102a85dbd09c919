namespace Coffer.Storage;

/// <summary>Where and how the store keeps its data.</summary>
public sealed class StorageOptions
{
    /// <summary>Folder holding the data (created when missing).</summary>
    public required string DataDir { get; init; }

    /// <summary>Compress (and later encrypt) pipeline for item payloads.</summary>
    public IPayloadCodec PayloadCodec { get; init; } = new BrotliPayloadCodec();

    /// <summary>
    /// True (default): every commit is flushed to disk before CommitAsync returns (SQLite: synchronous=FULL), so a
    /// message acknowledged to a phone survives a power cut. False trades that for speed (SQLite: synchronous=NORMAL,
    /// still safe against a process crash).
    /// </summary>
    public bool FlushEveryCommit { get; init; } = true;

    /// <summary>How long a unit of work waits for the write lock held by another before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
