namespace Coffer.Agent.Runs;

/// <summary>The exit codes of <c>coffer-agent</c> (docs/agent.md "Exit codes"); when several apply, the highest wins.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected error.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, no configuration, a restore target that is not empty, another run on the same configuration.</summary>
    public const int Usage = 2;

    /// <summary>Some items were refused by the server (they are sent again next time).</summary>
    public const int ItemsRefused = 3;

    /// <summary>The server's storage quota for the account is full (status 420).</summary>
    public const int QuotaFull = 4;

    /// <summary>The server broke the protocol or refused the session (an HTTP error status included).</summary>
    public const int Protocol = 5;

    /// <summary>The server did not answer (connection refused, DNS, TLS, timeout).</summary>
    public const int Unreachable = 6;

    /// <summary>The server refused the account name or password.</summary>
    public const int AuthenticationFailed = 7;

    /// <summary>The transfer was deferred on a metered or roaming connection; it runs on the next unmetered run.</summary>
    public const int Deferred = 8;

    /// <summary>The transfer was rejected on a metered or roaming connection (by the user or the policy deny).</summary>
    public const int Rejected = 9;

    /// <summary>The local disk is full (ENOSPC) while writing what the server sent.</summary>
    public const int DiskFull = 10;

    /// <summary>Peer sync: the device invited is not online (SIP 404).</summary>
    public const int PeerOffline = 11;

    /// <summary>Peer sync: the device invited is in another session (SIP 486).</summary>
    public const int PeerBusy = 12;

    /// <summary>Peer sync: the device invited did not answer (SIP 408), or the control server did not.</summary>
    public const int PeerNoAnswer = 13;

    /// <summary>Peer sync: the device invited does not serve that data type or protocol (SIP 415, 400, 488).</summary>
    public const int PeerRefused = 14;

    /// <summary>Peer sync: the direct transfer between the devices failed (connection lost, a file refused).</summary>
    public const int PeerTransferFailed = 15;

    /// <summary>DM: the server did not authenticate (its Cred missing, wrong, or over a nonce already used).</summary>
    public const int ServerNotAuthenticated = 16;
}
