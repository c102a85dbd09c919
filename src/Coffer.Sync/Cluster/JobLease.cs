using Coffer.Storage;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Cluster;

/// <summary>
/// Runs a singleton job (the notification scheduler, history retention, the daily backup) on one node of a cluster at
/// a time (docs/operations.md, "Several nodes"): the node takes the job's lease in the store, renews it every third of
/// its time to live while the job runs, and gives it up afterwards, or keeps it for a while (a job done for the day).
/// A node that dies stops renewing; another takes the lease once it expired. On one node the lease is always free.
/// </summary>
public sealed class JobLease(ICofferStore store, NodeName node, TimeProvider time, ILogger<JobLease> logger)
{
    public NodeName Node => node;

    /// <summary>
    /// Runs <paramref name="work"/> holding the lease <paramref name="name"/>; returns false without running it when
    /// another node holds the lease. The work's token is cancelled when a renewal is refused (this node stalled past
    /// the lease's time to live and another took it over), so two nodes never go on with the job together.
    /// </summary>
    /// <param name="keep">After the work succeeded, hold the lease this long instead of giving it up.</param>
    public async Task<bool> RunAsync(string name, TimeSpan ttl, Func<CancellationToken, Task> work, CancellationToken cancellationToken, TimeSpan? keep = null)
    {
        if (!await TryAcquireAsync(name, ttl, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewAsync(name, ttl, lost, stopRenewing.Token);
        var succeeded = false;
        try
        {
            await work(lost.Token).ConfigureAwait(false);
            succeeded = true;
        }
        finally
        {
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await FinishAsync(name, succeeded && !lost.IsCancellationRequested ? keep : null).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Until when the lease is held (by any node); null when nobody holds it.</summary>
    public async Task<DateTimeOffset?> HeldUntilAsync(string name, CancellationToken cancellationToken)
    {
        await using var uow = await store.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var lease = await uow.Leases.GetAsync(name, cancellationToken).ConfigureAwait(false);
        return lease == null || lease.Expires <= time.GetUtcNow() ? null : lease.Expires;
    }

    private async Task<bool> TryAcquireAsync(string name, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var uow = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        var held = await uow.Leases.TryAcquireAsync(name, node.Value, time.GetUtcNow() + ttl, cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return held;
    }

    private async Task RenewAsync(string name, TimeSpan ttl, CancellationTokenSource lost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ttl / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    if (!await TryAcquireAsync(name, ttl, stop).ConfigureAwait(false))
                    {
                        logger.LogWarning("Lease {Lease}: another node took it over; stopping the job on {Node}", name, node);
                        await lost.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is unreachable: the job itself cannot go on either; try again at the next renewal.
                    logger.LogWarning(ex, "Lease {Lease}: renewal failed on {Node}", name, node);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task FinishAsync(string name, TimeSpan? keep)
    {
        try
        {
            await using var uow = await store.BeginAsync(CancellationToken.None).ConfigureAwait(false);
            if (keep is { } hold)
            {
                await uow.Leases.TryAcquireAsync(name, node.Value, time.GetUtcNow() + hold, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await uow.Leases.ReleaseAsync(name, node.Value, CancellationToken.None).ConfigureAwait(false);
            }

            await uow.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lease then expires by itself.
            logger.LogWarning(ex, "Lease {Lease}: could not be given up on {Node}", name, node);
        }
    }
}
