using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coffer.Storage;

/// <summary>
/// What an item version of a binary datastore stores instead of its content: the size, the chunk size, the chunk
/// names in order and <see cref="Root"/>, the SHA-256 of all of them. Chunk names are keyed (HMAC under the user's
/// blob-name key), so the root identifies the content for its user only. Serialized as
/// <c>"CFB1" | size (8) | chunk size (4) | count (4) | root (32) | names (32 each)</c>, big-endian: 128 KiB for 4 GiB.
/// </summary>
public sealed class BlobManifest
{
    public const int NameSize = 32;

    private const int HeaderSize = 4 + 8 + 4 + 4 + NameSize;

    private static ReadOnlySpan<byte> Magic => "CFB1"u8;

    public BlobManifest(long size, int chunkSize, IReadOnlyList<byte[]> chunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count != ChunkCount(size, chunkSize) || chunks.Any(c => c.Length != NameSize))
        {
            throw new StorageException($"a blob of {size} bytes in chunks of {chunkSize} has {ChunkCount(size, chunkSize)} chunks, not {chunks.Count}");
        }

        Size = size;
        ChunkSize = chunkSize;
        Chunks = chunks;
        Root = ComputeRoot(size, chunkSize, chunks);
    }

    /// <summary>Content length in bytes.</summary>
    public long Size { get; }

    /// <summary>Every chunk but the last holds exactly this many bytes.</summary>
    public int ChunkSize { get; }

    /// <summary>Chunk names in content order (a name may repeat).</summary>
    public IReadOnlyList<byte[]> Chunks { get; }

    /// <summary>SHA-256 over size, chunk size and the names: the content's hash for this user.</summary>
    public byte[] Root { get; }

    /// <summary>The clear length of chunk <paramref name="index"/>.</summary>
    public int LengthOf(int index) => (int)Math.Min(ChunkSize, Size - ((long)index * ChunkSize));

    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderSize + (Chunks.Count * NameSize)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(4), Size);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), ChunkSize);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), Chunks.Count);
        Root.CopyTo(bytes, 20);
        for (var i = 0; i < Chunks.Count; i++)
        {
            Chunks[i].CopyTo(bytes, HeaderSize + (i * NameSize));
        }

        return bytes;
    }

    /// <summary>True when <paramref name="stored"/> begins like a manifest (a version written through the blob store).</summary>
    public static bool IsManifest(ReadOnlySpan<byte> stored) => stored.Length >= HeaderSize && stored.StartsWith(Magic);

    /// <summary>The manifest in <paramref name="stored"/>; a <see cref="StorageException"/> when it is not a whole, consistent one.</summary>
    public static BlobManifest Parse(ReadOnlySpan<byte> stored)
    {
        if (!IsManifest(stored))
        {
            throw new StorageException("not a blob manifest");
        }

        var size = BinaryPrimitives.ReadInt64BigEndian(stored[4..]);
        var chunkSize = BinaryPrimitives.ReadInt32BigEndian(stored[12..]);
        var count = BinaryPrimitives.ReadInt32BigEndian(stored[16..]);
        if (size < 0 || chunkSize <= 0 || count < 0 || stored.Length != HeaderSize + ((long)count * NameSize))
        {
            throw new StorageException("blob manifest is truncated or inconsistent");
        }

        var names = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            names[i] = stored.Slice(HeaderSize + (i * NameSize), NameSize).ToArray();
        }

        var manifest = new BlobManifest(size, chunkSize, names);
        if (!manifest.Root.AsSpan().SequenceEqual(stored.Slice(20, NameSize)))
        {
            throw new StorageException("blob manifest root does not match its chunk list");
        }

        return manifest;
    }

    public static int ChunkCount(long size, int chunkSize) => (int)((size + chunkSize - 1) / chunkSize);

    private static byte[] ComputeRoot(long size, int chunkSize, IReadOnlyList<byte[]> chunks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteInt64BigEndian(head, size);
        BinaryPrimitives.WriteInt32BigEndian(head[8..], chunkSize);
        hash.AppendData(head);
        foreach (var name in chunks)
        {
            hash.AppendData(name);
        }

        return hash.GetHashAndReset();
    }
}
