using System.Threading.RateLimiting;
using Coffer.Sync;
using Coffer.Sync.Auth;

namespace Coffer.Server.Sync;

/// <summary>
/// Failed-login limits on ASP.NET Core's rate limiters (System.Threading.RateLimiting): one token bucket per account
/// name (existing or not, so the limit tells nothing about which names exist) and one per client address. Each
/// failed login takes a token; a bucket refills over <see cref="SyncServerOptions.FailedLoginWindow"/>. While either
/// bucket is empty, logins are refused without a password check (417), except for a password verified lately.
/// </summary>
public sealed class LoginThrottle : ILoginThrottle, IDisposable
{
    private readonly PartitionedRateLimiter<string> accounts;
    private readonly PartitionedRateLimiter<string> addresses;

    public LoginThrottle(SyncServerOptions options)
    {
        accounts = Create(options.FailedLoginsPerAccount, options.FailedLoginWindow);
        addresses = Create(options.FailedLoginsPerAddress, options.FailedLoginWindow);
    }

    public bool IsBlocked(string accountKey, string? remoteAddress) =>
        Empty(accounts, accountKey) || Empty(addresses, remoteAddress ?? string.Empty);

    public void Failed(string accountKey, string? remoteAddress)
    {
        accounts.AttemptAcquire(accountKey, 1).Dispose();
        addresses.AttemptAcquire(remoteAddress ?? string.Empty, 1).Dispose();
    }

    public void Dispose()
    {
        accounts.Dispose();
        addresses.Dispose();
    }

    // Not a request for zero permits: the buckets refill in fractions between whole tokens, and a zero-permit request
    // succeeds on any fraction, which would let the next attempt through a fraction of a second after the limit.
    private static bool Empty(PartitionedRateLimiter<string> limiter, string key) =>
        limiter.GetStatistics(key) is { } stats && stats.CurrentAvailablePermits < 1;

    private static PartitionedRateLimiter<string> Create(int allowance, TimeSpan window)
    {
        var tokens = Math.Max(1, allowance);
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, window.Ticks / tokens));
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }
}
