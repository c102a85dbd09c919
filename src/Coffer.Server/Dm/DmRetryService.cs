using Coffer.Dm;
using Coffer.SyncML.San;

namespace Coffer.Server.Dm;

/// <summary>
/// Every <c>Coffer:Dm:RetryInterval</c>: deferred DM jobs that are due are offered again, and their devices get a
/// new package 0 through the push mailbox (docs/device-management.md "Consent").
/// </summary>
public sealed class DmRetryService(DmDeferredRetries retries, DmJobNotifier notifier, DmServerOptions options, ILogger<DmRetryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RetryInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var device in await retries.TakeDueAsync(stoppingToken))
                {
                    if (!await notifier.NotifyAsync(device, SanInitiator.Server, stoppingToken))
                    {
                        logger.LogInformation("Deferred DM job of device {Device} offered again at its next session (no DM account to notify)", device);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Retrying deferred DM jobs failed; will retry");
            }
        }
    }
}
