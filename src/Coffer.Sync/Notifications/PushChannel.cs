using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>The HTTP push channel: the package waits in the <see cref="PushMailbox"/> for the agent's long poll.</summary>
public sealed class PushChannel(PushMailbox mailbox) : INotificationChannel
{
    public Task<string?> DeliverAsync(Device device, byte[] package, CancellationToken cancellationToken)
    {
        mailbox.Post(device.Id, package);
        return Task.FromResult<string?>(null);
    }
}
