namespace Coffer.Agent.Runs;

/// <summary>
/// The outcome of a run: one summary per datastore and the exit code (the highest of them), the time it took, and
/// when a deferred run was retried first, that run's summary.
/// </summary>
public sealed record RunSummary(string Command, IReadOnlyList<DatastoreSummary> Datastores, int ExitCode, string? Error = null)
{
    public long BytesSent => Datastores.Sum(d => d.BytesSent);

    public long BytesReceived => Datastores.Sum(d => d.BytesReceived);

    public TimeSpan Duration { get; init; }

    /// <summary>What would have been sent, when the run asked for consent first (a metered or roaming connection).</summary>
    public Consent.TransferEstimate? Estimate { get; init; }

    /// <summary>A run deferred on a metered connection and retried before this one.</summary>
    public RunSummary? Retried { get; init; }
}
