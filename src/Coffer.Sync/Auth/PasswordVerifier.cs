using Coffer.Storage;
using Coffer.Sync.Metrics;

namespace Coffer.Sync.Auth;

/// <summary>
/// Checks passwords against their PBKDF2 hashes with bounded CPU: at most half the cores hash at once (at least one),
/// so a flood of guesses never takes the CPU the syncs of other users need. A password verified lately is taken from
/// <see cref="CredentialCache"/> without hashing. An unknown user costs a full hash too, so the time of an answer does
/// not tell which user names exist. One instance serves the sync engine and the JSON API alike (the host registers it).
/// </summary>
public sealed class PasswordVerifier
{
    // A hash of a random password, in the current format: checking against it costs what checking a real one does.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString("N")));

    private readonly SemaphoreSlim hashing = new(Math.Max(1, Environment.ProcessorCount / 2));
    private readonly CredentialCache cache;
    private readonly CofferMetrics metrics;

    public PasswordVerifier(TimeProvider time, CofferMetrics metrics)
    {
        cache = new CredentialCache(time);
        this.metrics = metrics;
    }

    /// <summary>True when this password of this account was verified lately (no hashing).</summary>
    public bool IsCached(UserAccount account, string password) => cache.IsVerified(account.Id, account.PasswordHash, password);

    /// <summary>
    /// Verifies <paramref name="password"/> for <paramref name="account"/> (null: unknown user, always false, same cost),
    /// unless <paramref name="blocked"/> says, once this caller's turn has come, that no attempt is left.
    /// </summary>
    public async Task<PasswordCheck> VerifyAsync(UserAccount? account, string password, Func<bool> blocked, CancellationToken ct)
    {
        await hashing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Asked after waiting: a flood queued behind the hashing stops at the limit instead of hashing on.
            if (blocked())
            {
                return PasswordCheck.Blocked;
            }

            var hash = account?.PasswordHash ?? DummyHash.Value;
            var ok = PasswordHasher.Verify(password, hash) && account != null;
            if (PasswordHasher.IterationsOf(hash) is { } iterations)
            {
                metrics.PasswordHashed(iterations);
            }

            if (!ok)
            {
                return PasswordCheck.Wrong;
            }

            cache.Remember(account!.Id, account.PasswordHash, password);
            return PasswordCheck.Right;
        }
        finally
        {
            hashing.Release();
        }
    }

    /// <summary>A new hash of a password whose stored hash is outdated (<see cref="PasswordHasher.NeedsRehash"/>), under the same CPU bound.</summary>
    public async Task<string> RehashAsync(string password, CancellationToken ct)
    {
        await hashing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var hash = PasswordHasher.Hash(password);
            metrics.PasswordHashed(PasswordHasher.DefaultIterations);
            return hash;
        }
        finally
        {
            hashing.Release();
        }
    }
}
