namespace Coffer.Agent.Runs;

/// <summary>The outcome of a run: one summary per datastore and the exit code (the highest of them).</summary>
public sealed record RunSummary(string Command, IReadOnlyList<DatastoreSummary> Datastores, int ExitCode, string? Error = null)
{
    public long BytesSent => Datastores.Sum(d => d.BytesSent);
}
