namespace Coffer.Storage;

/// <summary>A DM backup or restore of one device (table dm_jobs).</summary>
/// <param name="SourceSnapshot">For a restore: the backup it restores.</param>
/// <param name="Attempts">Sessions that asked for consent so far.</param>
/// <param name="NextAttempt">Not offered to the device before this time.</param>
/// <param name="Decisions">The consent decisions log, oldest first.</param>
/// <param name="Report">The outcome as JSON (restore: every node restored or skipped with the reason).</param>
public sealed record DmJob(
    long Id,
    long DeviceId,
    DmJobKind Kind,
    long? SourceSnapshot,
    DmJobState State,
    int Attempts,
    DateTimeOffset NextAttempt,
    DateTimeOffset Created,
    IReadOnlyList<DmDecision> Decisions,
    string? Report)
{
    /// <summary>Whether the job is still to be done (pending, asked, deferred or running).</summary>
    public bool IsOpen => State is DmJobState.Pending or DmJobState.Asked or DmJobState.Deferred or DmJobState.Running;
}
