using System.Threading.RateLimiting;
using Coffer.Storage;
using Coffer.Sync;
using Coffer.Sync.Auth;

namespace Coffer.Server.Sync;

/// <summary>
/// Failed-login limits on ASP.NET Core's rate limiters (System.Threading.RateLimiting): one token bucket per account
/// name (existing or not, so the limit tells nothing about which names exist) and one per client address. Each
/// failed login takes a token; a bucket refills over <see cref="SyncServerOptions.FailedLoginWindow"/>. While either
/// bucket is empty, logins are refused without a password check (417), except for a password verified lately.
/// The same failures go to the buckets the nodes of the store share (<see cref="SharedLoginFailures"/>), and a key
/// blocked there is blocked here too: the allowance is the cluster's, not each node's.
/// </summary>
public sealed class LoginThrottle : ILoginThrottle, IDisposable
{
    private readonly PartitionedRateLimiter<string> accounts;
    private readonly PartitionedRateLimiter<string> addresses;
    private readonly SyncServerOptions options;
    private readonly SharedLoginFailures? shared;

    public LoginThrottle(SyncServerOptions options, SharedLoginFailures? shared = null)
    {
        this.options = options;
        this.shared = shared;
        accounts = Create(options.FailedLoginsPerAccount, options.FailedLoginWindow);
        addresses = Create(options.FailedLoginsPerAddress, options.FailedLoginWindow);
    }

    public bool IsBlocked(string accountKey, string? remoteAddress) =>
        Empty(accounts, LoginFailureKey.Of(accountKey)) || Empty(addresses, remoteAddress ?? string.Empty)
        || shared?.IsBlocked(SharedAccount(accountKey)) == true || shared?.IsBlocked(SharedAddress(remoteAddress)) == true;

    public void Failed(string accountKey, string? remoteAddress)
    {
        accounts.AttemptAcquire(LoginFailureKey.Of(accountKey), 1).Dispose();
        addresses.AttemptAcquire(remoteAddress ?? string.Empty, 1).Dispose();
        shared?.Record(SharedAccount(accountKey), options.FailedLoginsPerAccount, options.FailedLoginWindow);
        shared?.Record(SharedAddress(remoteAddress), options.FailedLoginsPerAddress, options.FailedLoginWindow);
    }

    public void Dispose()
    {
        accounts.Dispose();
        addresses.Dispose();
    }

    // One table holds both kinds of bucket: the prefix keeps an account key from meeting an address. A claimed name
    // longer than LoginFailureKey.MaxLength is kept by its hash here and in the store, not as sent.
    private static string SharedAccount(string accountKey) => "account:" + LoginFailureKey.Of(accountKey);

    private static string SharedAddress(string? remoteAddress) => "address:" + remoteAddress;

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
