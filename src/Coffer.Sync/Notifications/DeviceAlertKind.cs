namespace Coffer.Sync.Notifications;

/// <summary>What a notification asks a device to do.</summary>
public enum DeviceAlertKind
{
    /// <summary>The scheduled sync of the night.</summary>
    Sync,

    /// <summary>Send everything to the server (seed 004: server-triggered backup).</summary>
    Backup,

    /// <summary>Take everything from the server onto a new phone (seed 004: restore).</summary>
    Restore,
}
