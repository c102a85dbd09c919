using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coffer.Agent.Profile;

/// <summary>
/// Encrypts private keys before they leave the device, so the server and its administrators never see them: AES-256-GCM
/// under a key derived with PBKDF2-HMAC-SHA256 from the account password, the salt and iteration count stored in each
/// sealed payload, so a restore with the same password on any device opens it. The nonce is an HMAC of the plaintext
/// (a synthetic IV): the same key file seals to the same bytes, so change detection by hash does not resend it every
/// run; it reveals only that two payloads are equal. This agent's salt, and the key derived from it, are kept in
/// <c>profile-key.json</c> of the configuration directory (next to the password, so no less protected); a new
/// password derives a new key, and the next backup sends the keys sealed under it.
/// </summary>
/// <remarks>Payload: "CPK1", iterations (uint32 big-endian), salt (16), nonce (12), tag (16), ciphertext; the first 24 bytes are the associated data.</remarks>
public sealed class KeySealer(string keyFile, string password)
{
    public const int Iterations = 600_000;

    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 4 + 4 + SaltSize;
    private static readonly byte[] Magic = "CPK1"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Dictionary<string, byte[]> derived = new(StringComparer.Ordinal);
    private (byte[] Salt, byte[] Key)? own;

    public byte[] Seal(byte[] plaintext)
    {
        var (salt, key) = own ??= OwnKey();
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), Iterations);
        salt.CopyTo(header, 8);
        var nonce = HMACSHA256.HashData(key.AsSpan(32), plaintext)[..NonceSize];
        var sealedBytes = new byte[HeaderSize + NonceSize + TagSize + plaintext.Length];
        header.CopyTo(sealedBytes, 0);
        nonce.CopyTo(sealedBytes, HeaderSize);
        using var aes = new AesGcm(key.AsSpan(0, 32), TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(HeaderSize + NonceSize + TagSize), sealedBytes.AsSpan(HeaderSize + NonceSize, TagSize), header);
        return sealedBytes;
    }

    /// <exception cref="CryptographicException">Not a sealed payload, or sealed under another password.</exception>
    public byte[] Open(byte[] sealedBytes)
    {
        if (sealedBytes.Length < HeaderSize + NonceSize + TagSize || !sealedBytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new CryptographicException("not a sealed private key");
        }

        var iterations = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(sealedBytes.AsSpan(4)), 10_000_000);
        var salt = sealedBytes[8..HeaderSize];
        var key = Derive(salt, iterations);
        var plaintext = new byte[sealedBytes.Length - HeaderSize - NonceSize - TagSize];
        using var aes = new AesGcm(key.AsSpan(0, 32), TagSize);
        aes.Decrypt(sealedBytes.AsSpan(HeaderSize, NonceSize), sealedBytes.AsSpan(HeaderSize + NonceSize + TagSize), sealedBytes.AsSpan(HeaderSize + NonceSize, TagSize), plaintext, sealedBytes.AsSpan(0, HeaderSize));
        return plaintext;
    }

    private byte[] Derive(byte[] salt, int iterations)
    {
        var id = Convert.ToHexString(salt) + ":" + iterations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!derived.TryGetValue(id, out var key))
        {
            key = own is { } o && o.Salt.AsSpan().SequenceEqual(salt) && iterations == Iterations
                ? o.Key
                : Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 64);
            derived[id] = key;
        }

        return key;
    }

    /// <summary>This agent's salt and key: from the key file while it was derived from the same password, else derived anew.</summary>
    private (byte[] Salt, byte[] Key) OwnKey()
    {
        var saved = File.Exists(keyFile) ? JsonSerializer.Deserialize<SavedKey>(File.ReadAllBytes(keyFile), Json) : null;
        var salt = saved?.Salt ?? RandomNumberGenerator.GetBytes(SaltSize);
        var check = Check(salt);
        if (saved is { Key.Length: 64 } && saved.Iterations == Iterations && CryptographicOperations.FixedTimeEquals(saved.PasswordCheck, check))
        {
            return (salt, saved.Key);
        }

        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 64);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        using (var stream = new FileStream(keyFile, options))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(new SavedKey(salt, Iterations, check, key), Json));
        }

        return (salt, key);
    }

    private byte[] Check(byte[] salt) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);

    private sealed record SavedKey(byte[] Salt, int Iterations, byte[] PasswordCheck, byte[] Key);
}
