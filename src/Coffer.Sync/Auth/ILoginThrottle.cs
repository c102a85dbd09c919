namespace Coffer.Sync.Auth;

/// <summary>
/// Limits failed logins per account and per client address. The engine asks before it checks a password and reports
/// each failure; a host decides how (Coffer.Server uses System.Threading.RateLimiting token buckets).
/// </summary>
public interface ILoginThrottle
{
    /// <summary>True when the account (its claimed name, existing or not) or the address has no failed logins left.</summary>
    bool IsBlocked(string accountKey, string? remoteAddress);

    /// <summary>One failed login of this account from this address.</summary>
    void Failed(string accountKey, string? remoteAddress);
}
