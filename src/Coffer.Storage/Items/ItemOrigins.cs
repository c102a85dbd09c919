namespace Coffer.Storage;

/// <summary>The origins of changes that come from no device (a device's own is "device:&lt;device row id&gt;").</summary>
public static class ItemOrigins
{
    /// <summary>An edit through the web or the JSON API.</summary>
    public const string Web = "web";

    /// <summary>A recovery from the storage area (seed 000 §5.3).</summary>
    public const string Recovery = "recovery";

    /// <summary>A point-in-time restore or an undelete from the history.</summary>
    public const string Restore = "restore";

    /// <summary>A slow-sync merge whose result goes back to the device that sent it.</summary>
    public const string Merge = "merge";
}
