using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>One way a package #0 reaches a device (HTTP push to the agent, an SMS gateway, ...).</summary>
public interface INotificationChannel
{
    /// <summary>Null when it was handed on; otherwise why not.</summary>
    Task<string?> DeliverAsync(Device device, byte[] package, CancellationToken cancellationToken);
}
