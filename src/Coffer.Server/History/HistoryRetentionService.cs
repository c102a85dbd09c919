using Coffer.Sync.Recovery;

namespace Coffer.Server.History;

/// <summary>
/// Prunes the item history every <see cref="HistoryOptions.PruneInterval"/> (Coffer:History; docs/history-and-recovery.md).
/// Runs on the host's <see cref="TimeProvider"/>, so tests drive it in simulated time.
/// </summary>
public sealed class HistoryRetentionService(HistoryPruner pruner, HistoryOptions options, TimeProvider time, ILogger<HistoryRetentionService> logger) : BackgroundService
{
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
