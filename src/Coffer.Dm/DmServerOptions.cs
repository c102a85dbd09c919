namespace Coffer.Dm;

/// <summary>Settings of the DM server (<c>Coffer:Dm:*</c>, docs/device-management.md).</summary>
public sealed class DmServerOptions
{
    /// <summary>The server's name towards devices: its Cred user name and package 0's server id.</summary>
    public string ServerId { get; set; } = "coffer";

    /// <summary>How often a user may defer a job before it fails (seed 004 §5.2.2: retried at most N times).</summary>
    public int MaxDeferrals { get; set; } = 3;

    /// <summary>How long a deferred job waits before it is offered again.</summary>
    public TimeSpan DeferralDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the server looks for deferred jobs that are due, to send their device a new package 0.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest message the server takes (sent as MaxMsgSize) and the ceiling of what it sends.</summary>
    public int MaxMsgSize { get; set; } = 64 * 1024;

    /// <summary>How long a session lives without a message.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many backups of each device are kept (older ones are pruned after a new one).</summary>
    public int KeepSnapshots { get; set; } = 10;

    /// <summary>Consent prompt minimum and maximum display time in seconds (Alert 1101 MINDT / MAXDT, OMA-TS-DM_Protocol-V1_2 §10.2.1).</summary>
    public int ConsentMinSeconds { get; set; } = 10;

    public int ConsentMaxSeconds { get; set; } = 60;
}
