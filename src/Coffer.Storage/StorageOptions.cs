namespace Coffer.Storage;

/// <summary>Where and how the store keeps its data.</summary>
public sealed class StorageOptions
{
    /// <summary>Folder holding the data (created when missing).</summary>
    public required string DataDir { get; init; }

    /// <summary>
    /// The compression step of the payload pipeline. Every payload is then encrypted under its user's data key
    /// (<see cref="PayloadProtector"/>, reached through the unit of work): never write this codec's output to the store.
    /// </summary>
    public IPayloadCodec Compression { get; init; } = new ZstdPayloadCodec();

    /// <summary>
    /// The master key (base64 of 32 bytes) from configuration (Coffer:Storage:MasterKey) or the environment
    /// (COFFER_MASTER_KEY). Null: the key file <see cref="MasterKeyFile.FileName"/> in <see cref="DataDir"/>, created on
    /// first use.
    /// </summary>
    public string? MasterKey { get; init; }

    /// <summary>Where <see cref="MasterKey"/> came from, for status and error messages.</summary>
    public string MasterKeySource { get; init; } = "configuration";

    /// <summary>
    /// True (default): every commit is flushed to disk before CommitAsync returns (SQLite: synchronous=FULL), so a
    /// message acknowledged to a phone survives a power cut. False trades that for speed (SQLite: synchronous=NORMAL,
    /// still safe against a process crash).
    /// </summary>
    public bool FlushEveryCommit { get; init; } = true;

    /// <summary>How long a unit of work waits for the write lock held by another before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
