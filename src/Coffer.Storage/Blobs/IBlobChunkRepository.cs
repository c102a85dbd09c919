namespace Coffer.Storage;

/// <summary>
/// The rows of the per-user, content-addressed blob store: chunks keyed by (user, name) and each user's sealed
/// blob-name key. Every lookup names its user: a chunk name of another user is not found. Payloads arrive sealed by
/// <see cref="BlobStore"/> and leave sealed; this repository never sees clear content. docs/storage.md, "Blobs".
/// </summary>
public interface IBlobChunkRepository
{
    /// <summary>The user's sealed blob-name key, or null before the user's first blob.</summary>
    Task<byte[]?> GetNameKeyAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Stores the user's sealed blob-name key unless one is there already; returns the one stored.</summary>
    Task<byte[]> AddNameKeyAsync(long userId, byte[] sealedKey, CancellationToken cancellationToken = default);

    /// <summary>True when the user holds the chunk; marks it used now, so a sweep leaves it to the upload that reuses it.</summary>
    Task<bool> TouchAsync(long userId, byte[] name, CancellationToken cancellationToken = default);

    /// <summary>Stores a chunk unless the user holds one of that name (then nothing changes).</summary>
    Task AddAsync(long userId, byte[] name, long size, byte[] sealedData, CancellationToken cancellationToken = default);

    /// <summary>The sealed chunk, or null when this user holds no chunk of that name.</summary>
    Task<byte[]?> GetAsync(long userId, byte[] name, CancellationToken cancellationToken = default);

    /// <summary>The user's chunks ordered by name, after <paramref name="afterName"/> (null: from the first), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BlobChunkInfo>> ListAsync(long userId, byte[]? afterName, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the named chunks of the user; returns how many went.</summary>
    Task<int> DeleteAsync(long userId, IReadOnlyList<byte[]> names, CancellationToken cancellationToken = default);

    /// <summary>Number of chunks and their clear bytes over all users (metrics, tests).</summary>
    Task<(long Chunks, long Bytes)> CountAsync(long? userId = null, CancellationToken cancellationToken = default);
}
