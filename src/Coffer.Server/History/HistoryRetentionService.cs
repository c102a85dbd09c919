using Coffer.Sync.Recovery;

namespace Coffer.Server.History;

/// <summary>
/// Prunes the item history every <see cref="HistoryOptions.PruneInterval"/> (Coffer:History; docs/history-and-recovery.md).
/// Runs on the host's <see cref="TimeProvider"/>, so tests drive it in simulated time.
/// </summary>
public sealed class HistoryRetentionService(HistoryPruner pruner, HistoryOptions options, TimeProvider time, ILogger<HistoryRetentionService> logger) : BackgroundService
{
    /// <summary>Completed prune runs (each run prunes until nothing is left).</summary>
    public int Runs { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PruneInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await pruner.PruneAsync(stoppingToken);
                if (pruned > 0)
                {
                    logger.LogInformation("History retention: pruned {Count} versions older than {Days} days", pruned, options.RetentionDays);
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
