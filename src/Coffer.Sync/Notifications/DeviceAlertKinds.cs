namespace Coffer.Sync.Notifications;

/// <summary>The alert kinds by the names the web page and the API use: sync, backup, restore.</summary>
public static class DeviceAlertKinds
{
    public static bool TryParse(string? name, out DeviceAlertKind kind)
    {
        kind = DeviceAlertKind.Sync;
        return name is "sync" or "backup" or "restore" && Enum.TryParse(name, ignoreCase: true, out kind);
    }
}
