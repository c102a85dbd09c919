namespace Coffer.Sync.Notifications;

/// <summary>Delivers one planned notification: alerts the user's devices over whatever channels reach them.</summary>
public interface INotificationSender
{
    /// <summary>Null when it was delivered; otherwise why not (kept with the entry, shown to administrators).</summary>
    Task<string?> SendAsync(long userId, CancellationToken cancellationToken);
}
