using Coffer.Sync.Cluster;
using Coffer.Sync.Recovery;

namespace Coffer.Server.History;

/// <summary>
/// Prunes the item history every <see cref="HistoryOptions.PruneInterval"/> (Coffer:History; docs/history-and-recovery.md).
/// Runs on the host's <see cref="TimeProvider"/>, so tests drive it in simulated time. Of several nodes, one prunes at a
/// time (the <see cref="LeaseName"/> lease); a node that finds it held skips that run.
/// </summary>
public sealed class HistoryRetentionService(HistoryPruner pruner, HistoryOptions options, JobLease lease, TimeProvider time, ILogger<HistoryRetentionService> logger) : BackgroundService
{
    public const string LeaseName = "history-retention";

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed prune runs (each run prunes until nothing is left).</summary>
    public int Runs { get; private set; }

    /// <summary>Completes once the job's timer runs: the first prune follows one interval later.</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PruneInterval, time);
        ready.TrySetResult();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var ran = await lease.RunAsync(
                    LeaseName,
                    TimeSpan.FromMinutes(5),
                    async ct =>
                    {
                        var pruned = await pruner.PruneAsync(ct);
                        if (pruned > 0)
                        {
                            logger.LogInformation("History retention: pruned {Count} versions older than {Days} days", pruned, options.RetentionDays);
                        }
                    },
                    stoppingToken);
                if (!ran)
                {
                    logger.LogInformation("History retention: another node is pruning; skipped");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "History retention failed; will retry");
            }

            Runs++;
        }
    }
}
