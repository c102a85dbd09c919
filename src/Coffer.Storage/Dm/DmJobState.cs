namespace Coffer.Storage;

/// <summary>Where a DM job is (docs/device-management.md "Consent"). Stored as the number: only append.</summary>
public enum DmJobState
{
    /// <summary>Waiting for the device's next session.</summary>
    Pending = 0,

    /// <summary>The consent Alert 1101 is out; the device's answer is awaited.</summary>
    Asked = 1,

    /// <summary>The user deferred; retried from <see cref="DmJob.NextAttempt"/>.</summary>
    Deferred = 2,

    /// <summary>Consented: the transfer is under way.</summary>
    Running = 3,

    Done = 4,

    /// <summary>The user rejected it: nothing was transferred.</summary>
    Rejected = 5,

    /// <summary>Ended without completing (too many deferrals, the session broke off).</summary>
    Failed = 6,
}
