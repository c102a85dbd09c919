using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Coffer.Sip.Auth;

/// <summary>
/// Nonces that carry their own issue time and an HMAC-SHA256 under a server key (RFC 2104), so any node holding
/// the key can check one without shared state; a nonce older than the lifetime is stale (RFC 2617 §3.2.1
/// stale=true). The highest nonce-count seen per nonce is kept in this process to refuse replays (§3.2.2).
/// </summary>
public sealed class DigestNonces(byte[] key, TimeProvider time, TimeSpan lifetime)
{
    private const int TagLength = 16;
    private readonly ConcurrentDictionary<string, (uint Count, long Issued)> _counts = new();

    public TimeSpan Lifetime { get; } = lifetime;

    public string Issue(string realm)
    {
        var body = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(body, time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(body.AsSpan(8));
        var nonce = new byte[16 + TagLength];
        body.CopyTo(nonce, 0);
        Tag(body, realm).CopyTo(nonce, 16);
        return Convert.ToBase64String(nonce).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public DigestNonceCheck Check(string nonce, string realm)
    {
        var bytes = Decode(nonce);
        if (bytes is null || bytes.Length != 16 + TagLength ||
            !CryptographicOperations.FixedTimeEquals(Tag(bytes.AsSpan(0, 16), realm), bytes.AsSpan(16)))
        {
            return DigestNonceCheck.Unknown;
        }
        var issued = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var age = time.GetUtcNow().ToUnixTimeMilliseconds() - issued;
        return age < 0 || age > Lifetime.TotalMilliseconds ? DigestNonceCheck.Stale : DigestNonceCheck.Fresh;
    }

    /// <summary>Accepts a nonce-count only if it is higher than every one seen with this nonce.</summary>
    public bool UseCount(string nonce, uint count)
    {
        Prune();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            if (!_counts.TryGetValue(nonce, out var seen))
            {
                if (_counts.TryAdd(nonce, (count, now)))
                {
                    return true;
                }
                continue;
            }
            if (count <= seen.Count)
            {
                return false;
            }
            if (_counts.TryUpdate(nonce, (count, seen.Issued), seen))
            {
                return true;
            }
        }
    }

    private void Prune()
    {
        if (_counts.Count < 10_000)
        {
            return;
        }
        var oldest = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)Lifetime.TotalMilliseconds;
        foreach (var (nonce, seen) in _counts)
        {
            if (seen.Issued < oldest)
            {
                _counts.TryRemove(nonce, out _);
            }
        }
    }

    private byte[] Tag(ReadOnlySpan<byte> body, string realm)
    {
        var realmBytes = System.Text.Encoding.UTF8.GetBytes(realm);
        var data = new byte[body.Length + realmBytes.Length];
        body.CopyTo(data);
        realmBytes.CopyTo(data, body.Length);
        return HMACSHA256.HashData(key, data)[..TagLength];
    }

    private static byte[]? Decode(string nonce)
    {
        var s = nonce.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
