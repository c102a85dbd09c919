using System.Buffers;
using System.Security.Cryptography;

namespace Coffer.Storage;

/// <summary>
/// The per-user, content-addressed blob store of one unit of work (docs/storage.md, "Blobs"). Content is cut into
/// fixed chunks of <see cref="ChunkSize"/> bytes; each chunk is named by HMAC-SHA256 under the user's blob-name key
/// (random, sealed under the user's data key), stored once per user, and sealed through the unit of work's
/// <see cref="PayloadProtector"/> with its user and name as associated data. Equal content of two users gives
/// unrelated names, and every lookup is by (user, name): knowing another user's name finds nothing.
/// Streams in and out chunk by chunk: at most one chunk of content is in memory.
/// </summary>
public sealed class BlobStore
{
    /// <summary>1 MiB: the chunk size of new content.</summary>
    public const int DefaultChunkSize = 1 << 20;

    private const string NameKeyRow = "blob-name-key";

    private readonly IUnitOfWork uow;
    private readonly Dictionary<long, byte[]> nameKeys = [];

    public BlobStore(IUnitOfWork uow, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(uow);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        this.uow = uow;
        ChunkSize = chunkSize;
    }

    public int ChunkSize { get; }

    /// <summary>The associated data of a chunk: its user and its name.</summary>
    public static PayloadContext ChunkContext(long userId, ReadOnlySpan<byte> name) => new(userId, Convert.ToHexStringLower(name), 0, PayloadKind.BlobChunk);

    /// <summary>The chunk's name for this user, without storing anything.</summary>
    public async Task<byte[]> NameAsync(long userId, ReadOnlyMemory<byte> chunk, CancellationToken ct = default) =>
        HMACSHA256.HashData(await NameKeyAsync(userId, ct).ConfigureAwait(false), chunk.Span);

    /// <summary>Stores one chunk (once per user: content the user holds already is only marked used); returns its name.</summary>
    public async Task<byte[]> PutChunkAsync(long userId, ReadOnlyMemory<byte> chunk, CancellationToken ct = default)
    {
        var name = await NameAsync(userId, chunk, ct).ConfigureAwait(false);
        if (!await uow.BlobChunks.TouchAsync(userId, name, ct).ConfigureAwait(false))
        {
            var sealedChunk = uow.Payloads.Encode(chunk.Span, ChunkContext(userId, name));
            await uow.BlobChunks.AddAsync(userId, name, chunk.Length, sealedChunk, ct).ConfigureAwait(false);
        }

        return name;
    }

    /// <summary>Stores <paramref name="content"/> read to its end, chunk by chunk; returns its manifest.</summary>
    public async Task<BlobManifest> WriteAsync(long userId, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var names = new List<byte[]>();
        var size = 0L;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                if (filled == 0)
                {
                    break;
                }

                names.Add(await PutChunkAsync(userId, buffer.AsMemory(0, filled), ct).ConfigureAwait(false));
                size += filled;
                if (filled < ChunkSize)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new BlobManifest(size, ChunkSize, names);
    }

    /// <summary>Stores content held in memory (a small item); returns its manifest.</summary>
    public async Task<BlobManifest> WriteAsync(long userId, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var names = new List<byte[]>();
        for (var at = 0; at < content.Length; at += ChunkSize)
        {
            names.Add(await PutChunkAsync(userId, content.Slice(at, Math.Min(ChunkSize, content.Length - at)), ct).ConfigureAwait(false));
        }

        return new BlobManifest(content.Length, ChunkSize, names);
    }

    /// <summary>The clear chunk, or null when this user holds no chunk of that name (another user's name included).</summary>
    public async Task<byte[]?> TryReadChunkAsync(long userId, byte[] name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sealedChunk = await uow.BlobChunks.GetAsync(userId, name, ct).ConfigureAwait(false);
        return sealedChunk == null ? null : uow.Payloads.Decode(sealedChunk, ChunkContext(userId, name));
    }

    /// <summary>Chunk <paramref name="index"/> of <paramref name="manifest"/>; a <see cref="StorageException"/> when it is missing or of the wrong length.</summary>
    public async Task<byte[]> ReadChunkAsync(long userId, BlobManifest manifest, int index, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var name = manifest.Chunks[index];
        var chunk = await TryReadChunkAsync(userId, name, ct).ConfigureAwait(false)
            ?? throw new StorageException($"blob chunk {Convert.ToHexStringLower(name)} of user {userId} is missing");
        if (chunk.Length != manifest.LengthOf(index))
        {
            throw new StorageException($"blob chunk {Convert.ToHexStringLower(name)} of user {userId} has {chunk.Length} bytes, not {manifest.LengthOf(index)}");
        }

        return chunk;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the content from byte <paramref name="start"/> on. A chunk the range
    /// covers whole is decrypted straight into it (no clear array per chunk: a restore reads megabytes per message);
    /// the chunks at its edges are read whole and copied from. Same checks as <see cref="ReadChunkAsync"/>.
    /// </summary>
    public async Task ReadAsync(long userId, BlobManifest manifest, long start, Memory<byte> destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + destination.Length, manifest.Size);
        var position = start;
        while (destination.Length > 0)
        {
            var index = (int)(position / manifest.ChunkSize);
            var within = (int)(position - ((long)index * manifest.ChunkSize));
            var length = manifest.LengthOf(index);
            int count;
            if (within == 0 && destination.Length >= length)
            {
                var name = manifest.Chunks[index];
                var sealedChunk = await uow.BlobChunks.GetAsync(userId, name, ct).ConfigureAwait(false)
                    ?? throw new StorageException($"blob chunk {Convert.ToHexStringLower(name)} of user {userId} is missing");
                uow.Payloads.DecodeInto(sealedChunk, ChunkContext(userId, name), destination.Span[..length]);
                count = length;
            }
            else
            {
                var chunk = await ReadChunkAsync(userId, manifest, index, ct).ConfigureAwait(false);
                count = Math.Min(destination.Length, chunk.Length - within);
                chunk.AsSpan(within, count).CopyTo(destination.Span);
            }

            destination = destination[count..];
            position += count;
        }
    }

    /// <summary>The content as a seekable read-only stream that holds one chunk at a time.</summary>
    public Stream OpenRead(long userId, BlobManifest manifest) => new BlobReadStream(this, userId, manifest);

    /// <summary>The whole content in memory: only for content known to be small (it fits a SyncML message).</summary>
    public async Task<byte[]> ReadAllAsync(long userId, BlobManifest manifest, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var content = new byte[manifest.Size];
        for (var i = 0; i < manifest.Chunks.Count; i++)
        {
            (await ReadChunkAsync(userId, manifest, i, ct).ConfigureAwait(false)).CopyTo(content, (long)i * manifest.ChunkSize);
        }

        return content;
    }

    /// <summary>The user's blob-name key, made on first use (random, sealed under the user's data key).</summary>
    public async Task<byte[]> NameKeyAsync(long userId, CancellationToken ct = default)
    {
        if (nameKeys.TryGetValue(userId, out var known))
        {
            return known;
        }

        var context = new PayloadContext(userId, NameKeyRow, 0, PayloadKind.BlobNameKey);
        var stored = await uow.BlobChunks.GetNameKeyAsync(userId, ct).ConfigureAwait(false)
            ?? await uow.BlobChunks.AddNameKeyAsync(userId, uow.Payloads.Encode(RandomNumberGenerator.GetBytes(32), context), ct).ConfigureAwait(false);
        var key = uow.Payloads.Decode(stored, context);
        nameKeys[userId] = key;
        return key;
    }
}
