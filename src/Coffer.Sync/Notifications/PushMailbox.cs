using System.Collections.Concurrent;
using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>
/// The HTTP push channel's waiting packages: at most one per device (a newer package replaces an older one, which
/// asked for no more than it), held until the device's <c>coffer-agent listen</c> fetches it with its long poll. The
/// package lives in the store (<see cref="IPushPackageRepository"/>), so a device polling one node gets what another
/// node posted, and a package survives a restart; exactly one poll takes it. A poll on the node that posted is woken
/// at once; one on another node finds the package at its next look at the store, every <see cref="PollInterval"/>
/// (docs/notifications.md, "Several nodes": one primary-key read per waiting device and interval).
/// </summary>
public sealed class PushMailbox(ICofferStore store, TimeSpan pollInterval)
{
    /// <summary>How often a waiting poll looks at the store when its own node posted nothing: one second.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, TaskCompletionSource> waiters = new();

    public PushMailbox(ICofferStore store)
        : this(store, DefaultPollInterval)
    {
    }

    /// <summary>The longest a package posted on another node waits for a poll that is already waiting.</summary>
    public TimeSpan PollInterval { get; } = pollInterval;

    /// <summary>Leaves a DS package for the device in the store and wakes a poll of this node waiting for it.</summary>
    public Task PostAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default) =>
        PostAsync(deviceRowId, PushPackageKind.Ds, package, cancellationToken);

    /// <summary>Leaves a package of <paramref name="kind"/> for the device (replacing one of that kind) and wakes a poll of this node.</summary>
    public async Task PostAsync(long deviceRowId, PushPackageKind kind, byte[] package, CancellationToken cancellationToken = default)
    {
        await using (var uow = await store.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            await uow.PushPackages.PutAsync(deviceRowId, kind, package, cancellationToken).ConfigureAwait(false);
            await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (waiters.TryRemove(deviceRowId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Whether a package waits for the device (not yet fetched).</summary>
    public async Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default)
    {
        using var primary = ReplicaReads.Primary();
        await using var read = await store.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await read.PushPackages.IsWaitingAsync(deviceRowId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the device's package, waiting for one up to <paramref name="wait"/>; null when none came.</summary>
    public async Task<PushPackage?> TakeAsync(long deviceRowId, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // The waiter exists before the store is read: a post on this node between the read and the wait wakes it.
            var waiter = waiters.GetOrAdd(deviceRowId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (await TakeStoredAsync(deviceRowId, cancellationToken).ConfigureAwait(false) is { } package)
            {
                return package;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                waiters.TryRemove(new KeyValuePair<long, TaskCompletionSource>(deviceRowId, waiter));
                return null;
            }

            try
            {
                await waiter.Task.WaitAsync(left < PollInterval ? left : PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    // A look that finds nothing is a read (no write lock on SQLite, nothing written on PostgreSQL), on the primary: a
    // package just posted must not hide behind a standby's lag.
    private async Task<PushPackage?> TakeStoredAsync(long deviceRowId, CancellationToken cancellationToken)
    {
        using (ReplicaReads.Primary())
        {
            await using var read = await store.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            if (!await read.PushPackages.IsWaitingAsync(deviceRowId, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        await using var uow = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        var package = await uow.PushPackages.TakeAsync(deviceRowId, cancellationToken).ConfigureAwait(false);
        if (package != null)
        {
            await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return package;
    }
}
