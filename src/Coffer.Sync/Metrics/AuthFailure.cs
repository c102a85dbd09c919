namespace Coffer.Sync.Metrics;

/// <summary>Why a login was refused (the reason label of coffer.auth.failures).</summary>
public enum AuthFailure
{
    /// <summary>No credentials (407).</summary>
    Missing,

    /// <summary>Unknown user or wrong password (401); the two are never told apart.</summary>
    Invalid,

    /// <summary>Too many failed logins for the account or the client address (417).</summary>
    Throttled,

    /// <summary>An md5 digest over a nonce the server did not issue for this device, or one already used (401 with a fresh nonce).</summary>
    StaleNonce,

    /// <summary>A message carrying a session token did not come from that session's user and device.</summary>
    SessionMismatch,

    /// <summary>The right credentials of an account an administrator disabled (403).</summary>
    Disabled,
}
