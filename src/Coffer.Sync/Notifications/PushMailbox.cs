using System.Collections.Concurrent;

namespace Coffer.Sync.Notifications;

/// <summary>
/// The HTTP push channel's waiting packages: at most one per device (a newer package replaces an older one, which
/// asked for no more than it), held until the device's <c>coffer-agent listen</c> fetches it with its long poll.
/// Kept in memory: a package not fetched before a restart is lost, like an undelivered SMS (at most once).
/// </summary>
public sealed class PushMailbox
{
    private readonly ConcurrentDictionary<long, Slot> slots = new();

    /// <summary>Leaves the package for the device and wakes a poll waiting for it.</summary>
    public void Post(long deviceRowId, byte[] package)
    {
        var slot = slots.GetOrAdd(deviceRowId, _ => new Slot());
        lock (slot)
        {
            slot.Package = package;
            slot.Waiter?.TrySetResult();
            slot.Waiter = null;
        }
    }

    /// <summary>Whether a package waits for the device (not yet fetched).</summary>
    public bool IsWaiting(long deviceRowId) => slots.TryGetValue(deviceRowId, out var slot) && slot.Package != null;

    /// <summary>Takes the device's package, waiting for one up to <paramref name="wait"/>; null when none came.</summary>
    public async Task<byte[]?> TakeAsync(long deviceRowId, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var slot = slots.GetOrAdd(deviceRowId, _ => new Slot());
        Task arrived;
        lock (slot)
        {
            if (slot.Package is { } ready)
            {
                slot.Package = null;
                return ready;
            }

            slot.Waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived = slot.Waiter.Task;
        }

        try
        {
            await arrived.WaitAsync(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }

        lock (slot)
        {
            var package = slot.Package;
            slot.Package = null;
            return package;
        }
    }

    private sealed class Slot
    {
        public byte[]? Package { get; set; }

        public TaskCompletionSource? Waiter { get; set; }
    }
}
