using Coffer.Storage;
using Coffer.SyncML.San;

namespace Coffer.Sync.Notifications;

/// <summary>
/// Delivers a user's notification of the night: a package #0 for each of the user's devices that has a notification
/// secret (a device without one has never asked to be notified), through every configured channel. Delivered when
/// at least one device got it; otherwise the reasons, kept with the plan entry for the administrators' page.
/// </summary>
public sealed class DeviceNotificationSender(ICofferStore store, DeviceAlerts alerts, IEnumerable<INotificationChannel> channels) : INotificationSender
{
    private readonly INotificationChannel[] channels = channels.ToArray();

    public Task<string?> SendAsync(long userId, CancellationToken cancellationToken) =>
        SendAsync(userId, null, DeviceAlertKind.Sync, SanInitiator.Server, cancellationToken);

    /// <summary>Sends <paramref name="kind"/> to one device of the user, or to all of them when <paramref name="deviceId"/> is null.</summary>
    public async Task<string?> SendAsync(long userId, string? deviceId, DeviceAlertKind kind, SanInitiator initiator, CancellationToken cancellationToken)
    {
        IReadOnlyList<Device> devices;
        await using (var read = await store.BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            devices = await read.Devices.ListAsync(userId, cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<string>();
        var delivered = 0;
        foreach (var device in devices.Where(d => deviceId == null || d.DeviceId == deviceId))
        {
            if (await alerts.BuildAsync(device.Id, kind, initiator, cancellationToken).ConfigureAwait(false) is not { } package)
            {
                continue;
            }

            foreach (var channel in channels)
            {
                if (await channel.DeliverAsync(device, package, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    problems.Add($"{device.DeviceId}: {error}");
                }
                else
                {
                    delivered++;
                }
            }
        }

        return delivered > 0 ? null
            : problems.Count > 0 ? string.Join("; ", problems)
            : "no device of the user both listens (has a notification secret) and syncs anything";
    }
}
