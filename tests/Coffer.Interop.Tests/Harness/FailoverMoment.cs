namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// What a failover of <see cref="FailoverScenario"/> is given when the primary is to die: the scenario's log (add to it
/// under its lock), haproxy's base URL and the directory holding the cluster's master key (for a phone of its own).
/// </summary>
public sealed record FailoverMoment(List<string> Log, Uri Balancer, string MasterKeyDir)
{
    public void Note(string line)
    {
        lock (Log)
        {
            Log.Add(line);
        }
    }
}
