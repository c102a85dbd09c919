using Coffer.Storage;

namespace Coffer.Server.Sip;

/// <summary>Removes expired SIP bindings from the store now and then; readers ignore them from the moment they expire.</summary>
public sealed class SipBindingSweepService(SipServerOptions options, ICofferStore store, TimeProvider time, ILogger<SipBindingSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var uow = await store.BeginAsync(stoppingToken);
                var purged = await uow.SipBindings.PurgeExpiredAsync(time.GetUtcNow(), stoppingToken);
                await uow.CommitAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogDebug("removed {Count} expired SIP bindings", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "sweeping expired SIP bindings failed");
            }
        }
    }
}
