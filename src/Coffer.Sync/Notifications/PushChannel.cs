namespace Coffer.Sync.Notifications;

/// <summary>The HTTP push channel: the package waits in the <see cref="PushMailbox"/> for the agent's long poll.</summary>
public sealed class PushChannel(PushMailbox mailbox) : INotificationChannel
{
    public Task<string?> DeliverAsync(long userId, long deviceRowId, byte[] package, CancellationToken cancellationToken)
    {
        mailbox.Post(deviceRowId, package);
        return Task.FromResult<string?>(null);
    }
}
