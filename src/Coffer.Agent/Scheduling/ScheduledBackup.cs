using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Scheduling;

/// <summary>
/// What the schedule asks of the agent: is there anything to back up (a local change, a datastore never backed up,
/// or on an unmetered connection a run deferred earlier), and the backup itself, unattended (on a metered or roaming
/// connection the policy answers; ask defers). The configuration is read afresh each time, so editing it (the
/// connection, the datastores) takes effect without restarting the loop; <paramref name="connection"/> and
/// <paramref name="policy"/>, when given, override it.
/// </summary>
public sealed class ScheduledBackup(AgentHome home, ISyncTransport transport, IRunProgress progress, TimeProvider time, ConnectionKind? connection = null, MeteredPolicy? policy = null)
{
    public bool HasWork(CancellationToken ct)
    {
        var (config, _) = home.Load();
        if ((connection ?? config.Connection) == ConnectionKind.Unmetered && new DeferralFile(home.DeferredFile).Load() != null)
        {
            return true;
        }

        var estimate = new TransferEstimator(home, config).Estimate(new RunRequest(RunMode.Backup, []));
        return estimate.ItemsToSend > 0 || estimate.FirstRuns > 0;
    }

    public Task<RunSummary> BackupAsync(CancellationToken ct)
    {
        var (config, password) = home.Load();
        var runner = ConsentedRunner.For(home, config, password, transport, progress, connection ?? config.Connection, policy ?? config.MeteredPolicy, ask: null, time);
        return runner.RunAsync(new RunRequest(RunMode.Backup, []), ct);
    }
}
