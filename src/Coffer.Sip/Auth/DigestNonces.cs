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
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<string, uint> _current = new();
    private ConcurrentDictionary<string, uint> _previous = new();
    private long _generationStart = time.GetUtcNow().ToUnixTimeMilliseconds();

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
        var counts = Counts(nonce);
        while (true)
        {
            if (!counts.TryGetValue(nonce, out var seen))
            {
                if (counts.TryAdd(nonce, count))
                {
                    return true;
                }

                continue;
            }

            if (count <= seen)
            {
                return false;
            }

            if (counts.TryUpdate(nonce, count, seen))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// The counts of the nonces first used in this lifetime or the one before, which hold this nonce's if it has one
    /// (moved to the current generation). A nonce first used more than a lifetime ago is stale by now (it was issued
    /// before its first use), so forgetting it lets no replay through; rotating generations costs nothing per request,
    /// where sweeping a dictionary of every recent nonce would cost its size.
    /// </summary>
    private ConcurrentDictionary<string, uint> Counts(string nonce)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_rotation)
        {
            if (now - _generationStart >= Lifetime.TotalMilliseconds)
            {
                _previous = now - _generationStart >= 2 * Lifetime.TotalMilliseconds ? new() : _current;
                _current = new();
                _generationStart = now;
            }

            if (_previous.TryRemove(nonce, out var older))
            {
                _current.TryAdd(nonce, older);
            }

            return _current;
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
