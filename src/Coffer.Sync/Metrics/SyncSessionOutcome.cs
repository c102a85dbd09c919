namespace Coffer.Sync.Metrics;

/// <summary>How a SyncML session ended (label "outcome" of coffer_sync_sessions_total).</summary>
public enum SyncSessionOutcome
{
    /// <summary>Every datastore completed (SyncML status 200 on the final message).</summary>
    Success,

    /// <summary>Credentials missing or wrong (Status 401/407, OMA-TS-DS_Protocol-V1_2 §6.3).</summary>
    AuthFailed,

    /// <summary>The message was not SyncML at all (HTTP 400).</summary>
    BadRequest,

    /// <summary>The client suspended the session (Alert 223/225 resume later, §6.13).</summary>
    Suspended,

    /// <summary>Aborted by either side or timed out.</summary>
    Aborted,

    /// <summary>Ended with an error.</summary>
    Failed,
}
