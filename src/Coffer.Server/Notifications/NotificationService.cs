using Coffer.Sync.Notifications;

namespace Coffer.Server.Notifications;

/// <summary>
/// Runs the <see cref="NotificationScheduler"/> every <see cref="NotificationOptions.Tick"/>: plans the coming night
/// once and sends what is due (docs/notifications.md). Wiring only; on the host's <see cref="TimeProvider"/>, so
/// tests drive it in simulated time. A failed tick is logged and retried at the next.
/// </summary>
public sealed class NotificationService(NotificationScheduler scheduler, NotificationOptions options, TimeProvider time, ILogger<NotificationService> logger) : BackgroundService
{
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
                await scheduler.PlanAsync(stoppingToken);
                await scheduler.SendDueAsync(cancellationToken: stoppingToken);
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
