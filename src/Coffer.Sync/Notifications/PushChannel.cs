using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>The HTTP push channel: the package waits in the <see cref="PushMailbox"/> for the agent's long poll.</summary>
public sealed class PushChannel(PushMailbox mailbox) : INotificationChannel
{
    public async Task<string?> DeliverAsync(Device device, byte[] package, CancellationToken cancellationToken)
    {
        await mailbox.PostAsync(device.Id, package, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
