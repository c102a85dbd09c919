using Coffer.Storage;

namespace Coffer.Server.Sync;

/// <summary>Deletes expired SyncML sessions and their cached replies every few minutes.</summary>
public sealed class SessionCleanupService(ICofferStore store, ILogger<SessionCleanupService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var uow = await store.BeginAsync(stoppingToken);
                var gone = await uow.Sessions.DeleteExpiredAsync(stoppingToken);
                await uow.CommitAsync(stoppingToken);
                if (gone > 0)
                {
                    logger.LogInformation("Removed {Count} expired sync sessions", gone);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Session cleanup failed; will retry");
            }
        }
    }
}
