using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Coffer.Formats.Chunking;
using Coffer.Storage;

namespace Coffer.Backup;

/// <summary>
/// The two keys of a backup repository, both derived from the master key (HKDF, RFC 5869) under labels of their own,
/// so the master key itself never leaves the server and is not in the backup: one AES-256-GCM key (NIST SP 800-38D)
/// for every object and one HMAC-SHA256 key (RFC 2104) that names chunks. Equal chunks get equal names and are stored
/// once; a name says nothing about the chunk to anyone without the master key.
/// </summary>
/// <remarks>
/// Object layout: header (20 bytes: "CFBK", format 1, kind, compression, clear length (4, big-endian), master key id
/// (8)) | nonce (12, random) | ciphertext | tag (16). The associated data is the header followed by the object's name,
/// so an object renamed, moved to another kind, or altered in any bit does not open. Nonces are random: one key sees
/// one encryption per new chunk, far below the 2^32 of SP 800-38D §8.2.2 for a store of any size Coffer is meant for.
/// </remarks>
public sealed class BackupKeys
{
    public const string EncryptionLabel = "coffer backup encryption v1";
    public const string ChunkIdLabel = "coffer backup chunk id v1";
    public const string ChunkerLabel = "coffer backup chunker v1";

    private const int HeaderSize = 20;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const byte Format = 1;
    private const byte NoCompression = 0;
    private const byte Brotli = 1;

    // Brotli quality 4: about three times faster than 6 on these pages for a few percent more bytes; what does not
    // compress (the encrypted item payloads) is not helped by any quality.
    private const int BrotliQuality = 4;
    private const int BrotliWindow = 22;

    // An object that claims to hold more than this is damaged, not allocated.
    private const int MaxClearLength = 256 * 1024 * 1024;

    private static readonly byte[] Magic = "CFBK"u8.ToArray();

    private readonly byte[] encryptionKey;
    private readonly byte[] chunkIdKey;
    private readonly byte[] chunkerSeed;
    private readonly byte[] masterKeyId;

    public BackupKeys(MasterKey master)
    {
        ArgumentNullException.ThrowIfNull(master);
        encryptionKey = master.DeriveKey(EncryptionLabel);
        chunkIdKey = master.DeriveKey(ChunkIdLabel);
        chunkerSeed = master.DeriveKey(ChunkerLabel);
        MasterKeyId = master.Id;
        masterKeyId = Convert.FromHexString(master.Id);
    }

    /// <summary>The id of the master key these keys come from (recorded in every object header and manifest).</summary>
    public string MasterKeyId { get; }

    /// <summary>
    /// The content-defined chunker of stream-shaped snapshots, its gear table seeded from the master key: where chunks are
    /// cut (and so their sizes) depends on a secret, like their names.
    /// </summary>
    public ContentDefinedChunker Chunker(int averageSize) => new(chunkerSeed, averageSize);

    /// <summary>The name of a chunk: HMAC-SHA256 of its clear bytes, 64 hex digits.</summary>
    public string ChunkId(ReadOnlySpan<byte> chunk) => Convert.ToHexStringLower(HMACSHA256.HashData(chunkIdKey, chunk));

    /// <summary>The object name of a chunk: "chunks/ab/ab…" (256 directories keep each one small).</summary>
    public static string ChunkObjectName(string chunkId) => $"chunks/{chunkId[..2]}/{chunkId}";

    /// <summary>Compresses (when that helps) and encrypts <paramref name="clear"/> as the object <paramref name="name"/>.</summary>
    public byte[] Seal(BackupObjectKind kind, string name, ReadOnlySpan<byte> clear)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(clear.Length)];
        var compression = NoCompression;
        ReadOnlySpan<byte> body = clear;
        if (BrotliEncoder.TryCompress(clear, compressed, out var written, BrotliQuality, BrotliWindow) && written < clear.Length)
        {
            compression = Brotli;
            body = compressed.AsSpan(0, written);
        }

        var sealedObject = new byte[HeaderSize + NonceSize + body.Length + TagSize];
        var header = sealedObject.AsSpan(0, HeaderSize);
        Magic.CopyTo(header);
        header[4] = Format;
        header[5] = (byte)kind;
        header[6] = compression;
        BinaryPrimitives.WriteInt32BigEndian(header[7..], clear.Length);
        masterKeyId.CopyTo(header[11..]);
        header[19] = 0;
        var nonce = sealedObject.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, body, sealedObject.AsSpan(HeaderSize + NonceSize, body.Length), sealedObject.AsSpan(HeaderSize + NonceSize + body.Length, TagSize), Associated(header, name));
        return sealedObject;
    }

    /// <summary>
    /// The clear bytes of a stored object; <see cref="BackupException"/> naming <paramref name="what"/> when it is not a
    /// backup object, was sealed under another master key, its tag does not match or (for a chunk) its content does not
    /// match its name.
    /// </summary>
    public byte[] Open(BackupObjectKind kind, string name, ReadOnlySpan<byte> stored, string what)
    {
        if (stored.Length < HeaderSize + NonceSize + TagSize || !stored[..4].SequenceEqual(Magic))
        {
            throw new BackupException($"{what}: not a Coffer backup object ({stored.Length} bytes)");
        }

        var header = stored[..HeaderSize];
        if (header[4] != Format || header[5] != (byte)kind)
        {
            throw new BackupException($"{what}: format {header[4]} kind {header[5]}, expected format {Format} kind {(byte)kind}");
        }

        if (!header.Slice(11, 8).SequenceEqual(masterKeyId))
        {
            throw new BackupException($"{what}: sealed under master key {Convert.ToHexStringLower(header.Slice(11, 8))}, not {MasterKeyId}");
        }

        var clearLength = BinaryPrimitives.ReadInt32BigEndian(header[7..]);
        if (clearLength is < 0 or > MaxClearLength)
        {
            throw new BackupException($"{what}: header claims {clearLength} bytes");
        }

        var body = new byte[stored.Length - HeaderSize - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(encryptionKey, TagSize);
            aes.Decrypt(stored.Slice(HeaderSize, NonceSize), stored.Slice(HeaderSize + NonceSize, body.Length), stored[^TagSize..], body, Associated(header, name));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new BackupException($"{what}: authentication tag does not match (the object was altered or is not this one)", e);
        }

        byte[] clear;
        switch (header[6])
        {
            case NoCompression when body.Length == clearLength:
                clear = body;
                break;
            case Brotli:
                clear = new byte[clearLength];
                if (!BrotliDecoder.TryDecompress(body, clear, out var written) || written != clearLength)
                {
                    throw new BackupException($"{what}: does not decompress to its {clearLength} bytes");
                }

                break;
            default:
                throw new BackupException($"{what}: compression {header[6]} with {body.Length} bytes for {clearLength}");
        }

        if (kind == BackupObjectKind.Chunk && ChunkId(clear) != name)
        {
            throw new BackupException($"{what}: content does not match its name (keyed hash differs)");
        }

        return clear;
    }

    private static byte[] Associated(ReadOnlySpan<byte> header, string name)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        var aad = new byte[header.Length + nameBytes.Length];
        header.CopyTo(aad);
        nameBytes.CopyTo(aad, header.Length);
        return aad;
    }
}
