using Coffer.Storage;
using Coffer.Sync.Auth;
using Coffer.Sync.Metrics;

namespace Coffer.Sync.Tests.Auth;

/// <summary>
/// <see cref="PasswordVerifier"/>: a flood of password checks hashes on at most half the cores at once, so the syncs of
/// other users keep the rest; and an unknown user costs one full hash, like a wrong password.
/// </summary>
public sealed class PasswordVerifierTests
{
    [Fact]
    public async Task Concurrent_checks_hash_on_at_most_half_the_cores_at_once()
    {
        using var metrics = new CofferMetrics();
        var verifier = new PasswordVerifier(TimeProvider.System, metrics);
        var account = new UserAccount(1, "alice", PasswordHasher.Hash("secret", 1000), [1], 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var inside = 0;
        var most = 0;

        // The callback runs once a caller holds a hashing slot; staying there a moment lets callers pile up if slots leak.
        bool Blocked()
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref inside);
            return false;
        }

        var checks = Enumerable.Range(0, 4 * Environment.ProcessorCount + 4)
            .Select(i => Task.Run(() => verifier.VerifyAsync(account, i == 0 ? "secret" : "wrong", Blocked, default)))
            .ToList();
        var results = await Task.WhenAll(checks);

        most.ShouldBeInRange(1, Math.Max(1, Environment.ProcessorCount / 2), "hashing slots in use at the busiest moment");
        results.Count(r => r == PasswordCheck.Right).ShouldBe(1);
        results.Count(r => r == PasswordCheck.Wrong).ShouldBe(checks.Count - 1);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
