using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;

namespace Coffer.Sync.Administration;

/// <summary>
/// An administrator asks one of a user's devices for a backup or a restore onto it (seed 004): a server-initiated
/// notification sent now, and an audit-log entry (<c>device.backup</c>, <c>device.restore</c>, <c>device.sync</c>)
/// saying whether the device was reached.
/// </summary>
public sealed class AdminDeviceAlerts(ICofferStore store, DeviceNotificationSender sender)
{
    public async Task<AdminResult> RequestAsync(string actor, long userId, string deviceId, DeviceAlertKind kind, CancellationToken ct = default)
    {
        UserAccount? user;
        await using (var read = await store.BeginReadAsync(ct))
        {
            user = await read.Users.GetAsync(userId, ct);
            if (user == null || await read.Devices.GetAsync(userId, deviceId, ct) == null)
            {
                return AdminResult.Refused(user == null ? "No such user." : $"'{user.Name}' has no device {deviceId}.");
            }
        }

        var what = kind.ToString().ToLowerInvariant();
        var error = await sender.SendAsync(userId, deviceId, kind, SanInitiator.Server, ct);
        await using (var uow = await store.BeginAsync(CancellationToken.None))
        {
            await uow.AuditLog.AppendAsync(actor, "device." + what, $"{deviceId} of {user.Name}", error == null ? "notification sent" : "not reached: " + error, CancellationToken.None);
            await uow.CommitAsync(CancellationToken.None);
        }

        return error == null ? AdminResult.Ok($"Asked {deviceId} for a {what}.") : AdminResult.Refused($"{deviceId} was not reached: {error}");
    }
}
