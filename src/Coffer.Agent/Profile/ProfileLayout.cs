namespace Coffer.Agent.Profile;

/// <summary>
/// The layout of the device profile folder (docs/agent.md "Device profile"): <c>device.json</c>, <c>settings/</c>,
/// <c>apps/</c> (<c>apps.json</c> and packages), <c>certs/</c>, <c>media/ringtones/</c>, <c>media/wallpapers/</c>.
/// On the server every item's name is prefixed by the device id (<c>laptop/settings/wifi.conf</c>): a user's
/// datastore is shared by their devices, a profile belongs to one.
/// </summary>
public static class ProfileLayout
{
    public const string DeviceFile = "device.json";

    public const string AppListFile = "apps/apps.json";

    /// <summary>The agent's datastore name for the profile.</summary>
    public const string Datastore = "profile";

    public static ProfilePart Classify(string path) => path switch
    {
        DeviceFile => ProfilePart.Device,
        AppListFile => ProfilePart.AppList,
        _ when path.StartsWith("settings/", StringComparison.Ordinal) => ProfilePart.Setting,
        _ when path.StartsWith("apps/", StringComparison.Ordinal) => ProfilePart.AppPackage,
        _ when path.StartsWith("certs/", StringComparison.Ordinal) => ProfilePart.Certificate,
        _ when path.StartsWith("media/ringtones/", StringComparison.Ordinal) => ProfilePart.Ringtone,
        _ when path.StartsWith("media/wallpapers/", StringComparison.Ordinal) => ProfilePart.Wallpaper,
        _ => ProfilePart.Other,
    };

    /// <summary>A device id as the first segment of item names: one path segment, never hidden.</summary>
    public static string Segment(string deviceId)
    {
        var segment = deviceId.Replace('/', '_').Replace('\\', '_');
        return segment.StartsWith('.') ? "_" + segment[1..] : segment;
    }
}
