using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>
/// The payload pipeline of one unit of work: compress (the store's <see cref="StorageOptions.Compression"/>), then
/// AES-256-GCM (NIST SP 800-38D) under the data key of the payload's user, behind the <see cref="PayloadHeader"/>:
/// <c>header (cipher AesGcm, key id) | nonce (12) | ciphertext | tag (16)</c>. The associated data is the header and
/// the <see cref="PayloadContext"/> (kind, user, row, version), so a blob altered, or moved to another row, user or
/// kind, fails to decrypt. Payloads written before encryption at rest (cipher None) are still read.
/// Not thread-safe, like its unit of work; it keeps one <see cref="AesGcm"/> per key it used (their set-up is not free).
/// </summary>
public sealed class PayloadProtector : IPayloadCodec, IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // A row id comes from a client at times (a MsgID): longer associated data goes to the heap, not the stack.
    private const int MaxStackAssociated = 256;

    /// <summary>Bytes an encrypted payload adds to the compressed one: nonce and tag.</summary>
    public const int Overhead = NonceSize + TagSize;

    private readonly IPayloadCodec compression;
    private readonly DataKeyRing ring;
    private readonly IDataKeyLookup lookup;
    private readonly Dictionary<uint, AesGcm> ciphers = [];
    private readonly Dictionary<long, DataKey> created = [];

    public PayloadProtector(IPayloadCodec compression, DataKeyRing ring, IDataKeyLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(compression);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(lookup);
        this.compression = compression;
        this.ring = ring;
        this.lookup = lookup;
    }

    /// <summary>True for a blob in a header format (any cipher); false for the raw bytes older versions kept in some places.</summary>
    public static bool HasHeader(ReadOnlySpan<byte> stored) => stored.Length >= 3 && PayloadHeader.StartsHeader(stored);

    /// <summary>True for a blob in a header format that is encrypted.</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> stored) => HasHeader(stored) && stored[2] != (byte)PayloadCipher.None;

    public byte[] Encode(ReadOnlySpan<byte> content, PayloadContext context) =>
        compression.StoresRaw(content, context)
            ? Seal(new PayloadHeader(PayloadCompression.None, PayloadCipher.None, 0, content.Length), content, context)
            : Seal(compression.Encode(content, context), context);

    /// <summary>Encrypts a payload the compression step produced (cipher None), e.g. one stored before encryption at rest.</summary>
    public byte[] Seal(ReadOnlySpan<byte> clear, PayloadContext context)
    {
        var header = PayloadHeader.Read(clear);
        if (header.Cipher != PayloadCipher.None)
        {
            throw new StorageException($"payload of {context.Describe()} is encrypted already");
        }

        return Seal(header, clear[header.Size..], context);
    }

    /// <summary>
    /// Decodes a payload into <paramref name="destination"/>, which must be the content's length: an uncompressed one (a
    /// blob chunk of a photo) is decrypted straight into it, with no array of its own.
    /// </summary>
    public void DecodeInto(ReadOnlySpan<byte> stored, PayloadContext context, Span<byte> destination)
    {
        var header = PayloadHeader.Read(stored);
        if (header.Cipher != PayloadCipher.AesGcm || header.Compression != PayloadCompression.None)
        {
            var content = Decode(stored, context);
            if (content.Length != destination.Length)
            {
                throw new StorageException($"payload of {context.Describe()} has {content.Length} bytes, not {destination.Length}");
            }

            content.CopyTo(destination);
            return;
        }

        var headerSize = header.Size;
        var length = stored.Length - headerSize - Overhead;
        if (length < 0 || length != header.ContentLength || length != destination.Length)
        {
            throw new StorageException($"payload of {context.Describe()} has {Math.Max(0, length)} bytes, header says {header.ContentLength}, expected {destination.Length}");
        }

        var key = Key(header.KeyId, context);
        var aadLength = AssociatedLength(headerSize, context);
        Span<byte> aad = aadLength <= MaxStackAssociated ? stackalloc byte[aadLength] : new byte[aadLength];
        Associated(stored[..headerSize], context, aad);
        Decrypt(key, stored, headerSize, length, destination, aad, context);
    }

    private byte[] Seal(PayloadHeader header, ReadOnlySpan<byte> body, PayloadContext context)
    {
        var key = CurrentKey(context.UserId);
        // Written in the compact layout even when the clear blob had the fixed one (a payload from before dictionaries).
        var sealedHeader = header with { Cipher = PayloadCipher.AesGcm, KeyId = key.Id, Format = PayloadHeader.CompactFormat };
        var headerSize = sealedHeader.Size;
        var sealedBlob = new byte[headerSize + NonceSize + body.Length + TagSize];
        sealedHeader.Write(sealedBlob);
        var nonce = sealedBlob.AsSpan(headerSize, NonceSize);
        // Random 96-bit nonces (SP 800-38D §8.2.2): one key may seal 2^32 payloads; a user writes far fewer. Never a
        // counter: a restored backup or a crash could bring a used counter value back.
        RandomNumberGenerator.Fill(nonce);
        var aadLength = AssociatedLength(headerSize, context);
        Span<byte> aad = aadLength <= MaxStackAssociated ? stackalloc byte[aadLength] : new byte[aadLength];
        Associated(sealedBlob.AsSpan(0, headerSize), context, aad);
        Cipher(key).Encrypt(nonce, body, sealedBlob.AsSpan(headerSize + NonceSize, body.Length), sealedBlob.AsSpan(sealedBlob.Length - TagSize), aad);
        return sealedBlob;
    }

    public byte[] Decode(ReadOnlySpan<byte> stored, PayloadContext context)
    {
        var header = PayloadHeader.Read(stored);
        switch (header.Cipher)
        {
            case PayloadCipher.None:
                return compression.Decode(stored, context);
            case PayloadCipher.AesGcm:
                break;
            default:
                throw new StorageException($"payload of {context.Describe()} uses unknown cipher {(byte)header.Cipher}");
        }

        var headerSize = header.Size;
        if (stored.Length < headerSize + Overhead)
        {
            throw new StorageException($"payload of {context.Describe()} has {stored.Length} bytes, too short for AES-GCM");
        }

        var key = Key(header.KeyId, context);
        var length = stored.Length - headerSize - Overhead;
        var aadLength = AssociatedLength(headerSize, context);
        Span<byte> aad = aadLength <= MaxStackAssociated ? stackalloc byte[aadLength] : new byte[aadLength];
        Associated(stored[..headerSize], context, aad);
        if (header.Compression == PayloadCompression.None)
        {
            // Stored uncompressed (a blob chunk of a photo, a large cached reply): decrypted straight into the content,
            // not into a clear payload the compression step would copy once more.
            var content = new byte[length];
            Decrypt(key, stored, headerSize, length, content, aad, context);
            return length == header.ContentLength
                ? content
                : throw new StorageException($"payload of {context.Describe()} has {length} bytes, header says {header.ContentLength}");
        }

        var clearHeader = header with { Cipher = PayloadCipher.None, KeyId = 0 };
        var clearHeaderSize = clearHeader.Size;
        var clear = new byte[clearHeaderSize + length];
        clearHeader.Write(clear);
        Decrypt(key, stored, headerSize, length, clear.AsSpan(clearHeaderSize), aad, context);
        return compression.Decode(clear, context);
    }

    /// <summary>Called by the unit of work after its commit: keys it created become every unit of work's.</summary>
    public void Committed()
    {
        foreach (var key in created.Values)
        {
            ring.Publish(key, isCurrent: true);
        }

        created.Clear();
    }

    public void Dispose()
    {
        foreach (var cipher in ciphers.Values)
        {
            cipher.Dispose();
        }

        ciphers.Clear();
        created.Clear();
    }

    private DataKey CurrentKey(long userId)
    {
        if (created.TryGetValue(userId, out var mine))
        {
            return mine;
        }

        if (ring.TryGetCurrent(userId) is { } cached)
        {
            return cached;
        }

        if (lookup.FindCurrent(userId) is { } stored)
        {
            // Not created by this unit of work, so committed: everyone may have it.
            var key = ring.Unwrap(stored);
            ring.Publish(key, isCurrent: true);
            return key;
        }

        var master = ring.MasterFor(lookup.MasterKeyIdInUse());
        var bytes = RandomNumberGenerator.GetBytes(DataKey.KeySize);
        var row = lookup.Create(userId, master.Id, id => master.Wrap(bytes, userId, id));
        var fresh = new DataKey(row.Id, userId, bytes);
        created[userId] = fresh;
        return fresh;
    }

    private void Decrypt(DataKey key, ReadOnlySpan<byte> stored, int headerSize, int length, Span<byte> clear, ReadOnlySpan<byte> aad, PayloadContext context)
    {
        try
        {
            Cipher(key).Decrypt(stored.Slice(headerSize, NonceSize), stored.Slice(headerSize + NonceSize, length), stored[^TagSize..], clear, aad);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new StorageException($"payload of {context.Describe()} does not authenticate under data key {key.Id}: altered, or not this row's", e);
        }
    }

    private DataKey Key(uint keyId, PayloadContext context)
    {
        var key = created.Values.FirstOrDefault(k => k.Id == keyId) ?? ring.TryGet(keyId);
        if (key is null)
        {
            var stored = lookup.Find(keyId) ?? throw new StorageException($"payload of {context.Describe()} names data key {keyId}, which does not exist");
            key = ring.Unwrap(stored);
            ring.Publish(key, isCurrent: false);
        }

        if (key.UserId != context.UserId)
        {
            throw new StorageException($"payload of {context.Describe()} names data key {keyId} of {MasterKey.Owner(key.UserId)}, not of {MasterKey.Owner(context.UserId)}");
        }

        return key;
    }

    private AesGcm Cipher(DataKey key)
    {
        if (!ciphers.TryGetValue(key.Id, out var cipher))
        {
            cipher = new AesGcm(key.Key, TagSize);
            ciphers[key.Id] = cipher;
        }

        return cipher;
    }

    // Associated data: header (as stored) | kind (1) | user id (8) | version (8) | row id (UTF-8). The header's
    // length follows from its own bytes, so the concatenation is unambiguous.
    private static int AssociatedLength(int headerSize, PayloadContext context) => headerSize + 17 + Encoding.UTF8.GetByteCount(context.ItemId ?? string.Empty);

    private static void Associated(ReadOnlySpan<byte> header, PayloadContext context, Span<byte> aad)
    {
        header.CopyTo(aad);
        var at = header.Length;
        aad[at] = (byte)context.Kind;
        BinaryPrimitives.WriteInt64BigEndian(aad[(at + 1)..], context.UserId);
        BinaryPrimitives.WriteInt64BigEndian(aad[(at + 9)..], context.Version);
        Encoding.UTF8.GetBytes(context.ItemId ?? string.Empty, aad[(at + 17)..]);
    }
}
