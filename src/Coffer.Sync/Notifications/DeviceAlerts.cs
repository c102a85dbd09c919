using System.Security.Cryptography;
using Coffer.Storage;
using Coffer.SyncML.San;

namespace Coffer.Sync.Notifications;

/// <summary>
/// Each device's notification secret and the signed packages #0 sent to it (docs/notifications.md). The secret is
/// random, given to the device once over an authenticated channel, and kept sealed under the user's data key: the
/// server's database never holds it in clear, and a device's digest never verifies with another device's secret.
/// </summary>
public sealed class DeviceAlerts(ICofferStore store, string serverIdentifier)
{
    private const int SecretBytes = 18;

    /// <summary>Gives the device a new secret (replacing any earlier one); returns it as the device's notification
    /// password (base64), or null when there is no such device of the user.</summary>
    public async Task<string?> IssueSecretAsync(long userId, long deviceRowId, CancellationToken ct = default)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        if (await uow.Devices.GetByIdAsync(deviceRowId, ct).ConfigureAwait(false) is not { } device || device.UserId != userId
            || !await uow.Notifications.SetDeviceSecretAsync(deviceRowId, secret, ct).ConfigureAwait(false))
        {
            return null;
        }

        await uow.CommitAsync(ct).ConfigureAwait(false);
        return Convert.ToBase64String(secret);
    }

    /// <summary>
    /// The package #0 for one device: one sync per datastore it syncs (for a restore onto a device that never synced,
    /// per datastore of the account), each of the type <paramref name="kind"/> calls for; null when the device has no
    /// secret yet or there is nothing to name.
    /// </summary>
    public async Task<byte[]?> BuildAsync(long deviceRowId, DeviceAlertKind kind, SanInitiator initiator, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct).ConfigureAwait(false);
        if (await uow.Devices.GetByIdAsync(deviceRowId, ct).ConfigureAwait(false) is not { } device
            || await uow.Notifications.GetDeviceSecretAsync(deviceRowId, ct).ConfigureAwait(false) is not { } secret)
        {
            return null;
        }

        var kinds = (await uow.Datastores.ListAsync(device.UserId, ct).ConfigureAwait(false)).ToDictionary(d => d.Id, d => d.Kind);
        var synced = (await uow.SyncStates.ListAsync(device.Id, ct).ConfigureAwait(false))
            .Where(s => kinds.ContainsKey(s.DatastoreId))
            .Select(s => kinds[s.DatastoreId])
            .ToList();

        // A device that never synced is a new phone: a restore onto it brings every datastore of the account (seed 004).
        if (synced.Count == 0 && kind == DeviceAlertKind.Restore)
        {
            synced = [.. kinds.Values];
        }

        var syncs = synced
            .Distinct()
            .Order()
            .Select(k => new SanSync { SyncType = AlertSyncType.Choose(kind, k), ServerUri = AlertSyncType.ServerUri(k) })
            .ToList();
        if (syncs.Count == 0)
        {
            return null;
        }

        var sessionId = (ushort)RandomNumberGenerator.GetInt32(1, ushort.MaxValue + 1);
        return SanPackage.Build(serverIdentifier, Convert.ToBase64String(secret), sessionId, initiator, syncs);
    }
}
