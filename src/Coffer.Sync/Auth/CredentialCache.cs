using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Sync.Auth;

/// <summary>
/// Remembers, for a few minutes, that a (user, password) pair verified against its PBKDF2 hash, so a phone that
/// syncs several times in a row pays the deliberately slow hash once. Only a SHA-256 of the pair is kept.
/// </summary>
internal sealed class CredentialCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> verified = new();
    private readonly TimeProvider time;

    public CredentialCache(TimeProvider time) => this.time = time;

    public bool IsVerified(long userId, string passwordHash, string password)
    {
        var key = Key(userId, passwordHash, password);
        return verified.TryGetValue(key, out var until) && until > time.GetUtcNow();
    }

    public void Remember(long userId, string passwordHash, string password)
    {
        if (verified.Count > 10_000)
        {
            verified.Clear();
        }

        verified[Key(userId, passwordHash, password)] = time.GetUtcNow() + Lifetime;
    }

    // The stored hash is part of the key: a password change invalidates the entry.
    private static string Key(long userId, string passwordHash, string password) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{passwordHash}\n{password}")));
}
