using Coffer.Sync.Cluster;
using Coffer.Sync.Notifications;

namespace Coffer.Server.Notifications;

/// <summary>
/// Runs the <see cref="NotificationScheduler"/> every <see cref="NotificationOptions.Tick"/>: plans the coming night
/// once and sends what is due (docs/notifications.md). Wiring only; on the host's <see cref="TimeProvider"/>, so
/// tests drive it in simulated time. A failed tick is logged and retried at the next. Of several nodes, the one holding
/// the <see cref="LeaseName"/> lease runs the ticks; it keeps the lease between them, and another node takes over
/// when it has not renewed it for three ticks.
/// </summary>
public sealed class NotificationService(NotificationScheduler scheduler, NotificationOptions options, JobLease lease, TimeProvider time, ILogger<NotificationService> logger) : BackgroundService
{
    public const string LeaseName = "notifications";

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed ticks.</summary>
    public int Runs { get; private set; }

    /// <summary>Completes once the timer runs (at once when notifications are off).</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Notifications are off (Coffer:Notifications:Enabled)");
            ready.TrySetResult();
            return;
        }

        using var timer = new PeriodicTimer(options.Tick, time);
        ready.TrySetResult();
        do
        {
            try
            {
                var hold = TimeSpan.FromTicks(Math.Max(options.Tick.Ticks * 3, TimeSpan.FromMinutes(1).Ticks));
                await lease.RunAsync(
                    LeaseName,
                    hold,
                    async ct =>
                    {
                        await scheduler.PlanAsync(ct);
                        await scheduler.SendDueAsync(cancellationToken: ct);
                    },
                    stoppingToken,
                    keep: hold);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Notification scheduler failed; will retry");
            }

            Runs++;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
