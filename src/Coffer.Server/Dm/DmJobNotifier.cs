using Coffer.Dm;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;

namespace Coffer.Server.Dm;

/// <summary>Tells a device about its new DM job: package 0 into the push mailbox as its DM package (docs/notifications.md).</summary>
public sealed class DmJobNotifier(DmPackageZero packages, PushMailbox mailbox)
{
    /// <summary>False when the device has no DM account (the job waits for its next own session).</summary>
    public async Task<bool> NotifyAsync(long deviceId, SanInitiator initiator, CancellationToken ct)
    {
        if (await packages.BuildAsync(deviceId, initiator, ct) is not { } package)
        {
            return false;
        }

        await mailbox.PostAsync(deviceId, PushPackageKind.Dm, package, ct);
        return true;
    }
}
