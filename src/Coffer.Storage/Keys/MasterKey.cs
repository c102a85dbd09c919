using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coffer.Storage;

/// <summary>
/// The key that wraps every data key (never a payload). It lives outside the database: a key file in the data
/// directory (<see cref="MasterKeyFile"/>) or the configuration. <see cref="Id"/> names it without revealing it, and
/// every wrapped data key records the id of the master key that wrapped it.
/// </summary>
public sealed class MasterKey
{
    public const int KeySize = 32;

    // Wrapped data key: [0] format | [1..12] nonce | [13..44] data key encrypted | [45..60] tag.
    private const byte WrapFormat = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    public const int WrappedSize = 1 + NonceSize + DataKey.KeySize + TagSize;

    private static readonly byte[] IdLabel = "coffer master key id v1"u8.ToArray();
    private static readonly byte[] WrapLabel = "coffer data key v1"u8.ToArray();

    private readonly byte[] key;

    private MasterKey(byte[] key, string source)
    {
        this.key = key;
        Source = source;
        // A PRF of the key under a fixed label: it tells keys apart and says nothing about the key (RFC 2104 §6).
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(key, IdLabel).AsSpan(0, 8));
    }

    /// <summary>16 hex digits, stored with each wrapped data key.</summary>
    public string Id { get; }

    /// <summary>Where it came from, for <c>coffer keys status</c> and error messages ("file /path", "configuration").</summary>
    public string Source { get; }

    /// <summary>A fresh random key.</summary>
    public static MasterKey Generate(string source) => new(RandomNumberGenerator.GetBytes(KeySize), source);

    /// <summary>Parses the base64 form (the key file's line, Coffer:Storage:MasterKey, COFFER_MASTER_KEY).</summary>
    public static MasterKey FromBase64(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException e)
        {
            throw new StorageException($"the master key from {source} is not base64", e);
        }

        if (bytes.Length != KeySize)
        {
            throw new StorageException($"the master key from {source} has {bytes.Length} bytes, not {KeySize}");
        }

        return new MasterKey(bytes, source);
    }

    /// <summary>
    /// A key for another purpose derived from this one: HKDF-SHA256 (RFC 5869) without salt (the master key is already
    /// uniformly random, §3.1) and with <paramref name="label"/> as its info, so each label gives an independent key
    /// and none of them reveals the master key or each other.
    /// </summary>
    public byte[] DeriveKey(string label, int length = KeySize)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, key, length, salt: [], info: System.Text.Encoding.UTF8.GetBytes(label));
    }

    /// <summary>The base64 form, as the key file holds it.</summary>
    public string ToBase64() => Convert.ToBase64String(key);

    public MasterKey WithSource(string source) => new((byte[])key.Clone(), source);

    /// <summary>
    /// Wraps a data key: AES-256-GCM (NIST SP 800-38D) with a random nonce, the owner and the key id as associated
    /// data, so a wrapped key copied to another row or user does not unwrap. (GCM rather than RFC 3394/5649 key wrap:
    /// the framework has AesGcm, and the tag authenticates the associated data as well.)
    /// </summary>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey, long userId, uint keyId)
    {
        if (dataKey.Length != DataKey.KeySize)
        {
            throw new ArgumentException($"a data key has {DataKey.KeySize} bytes", nameof(dataKey));
        }

        var wrapped = new byte[WrappedSize];
        wrapped[0] = WrapFormat;
        var nonce = wrapped.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(1 + NonceSize, DataKey.KeySize), wrapped.AsSpan(1 + NonceSize + DataKey.KeySize, TagSize), Associated(userId, keyId));
        return wrapped;
    }

    /// <summary>The data key; <see cref="StorageException"/> when this is not the key that wrapped it or the row was altered.</summary>
    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, long userId, uint keyId)
    {
        if (wrapped.Length != WrappedSize || wrapped[0] != WrapFormat)
        {
            throw new StorageException($"data key {keyId} is not a wrapped key of format {WrapFormat} ({wrapped.Length} bytes)");
        }

        var dataKey = new byte[DataKey.KeySize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(wrapped.Slice(1, NonceSize), wrapped.Slice(1 + NonceSize, DataKey.KeySize), wrapped.Slice(1 + NonceSize + DataKey.KeySize, TagSize), dataKey, Associated(userId, keyId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new StorageException($"data key {keyId} of {Owner(userId)} does not open with master key {Id} ({Source})", e);
        }

        return dataKey;
    }

    internal static string Owner(long userId) => userId == PayloadContext.ServerScope ? "the server" : $"user {userId}";

    private static byte[] Associated(long userId, uint keyId)
    {
        var aad = new byte[WrapLabel.Length + 12];
        WrapLabel.CopyTo(aad, 0);
        BinaryPrimitives.WriteInt64BigEndian(aad.AsSpan(WrapLabel.Length), userId);
        BinaryPrimitives.WriteUInt32BigEndian(aad.AsSpan(WrapLabel.Length + 8), keyId);
        return aad;
    }

    public override string ToString() => $"master key {Id} ({Source})";
}
