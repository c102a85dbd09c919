namespace Coffer.Storage;

/// <summary>A user's own settings, chosen on the settings page (docs/web.md, "Settings").</summary>
/// <param name="SyncInterval">How often phones are asked to sync on their own.</param>
/// <param name="NightHour">The preferred hour (0–23, in <paramref name="TimeZone"/>) for that automatic sync.</param>
/// <param name="TimeZone">An IANA time zone id, e.g. "Europe/Berlin".</param>
/// <param name="Carrier">The user's mobile carrier ("subscription company"), or null when not given.</param>
public sealed record UserSettings(SyncInterval SyncInterval, int NightHour, string TimeZone, string? Carrier)
{
    /// <summary>What a user has before choosing anything: a daily sync at 03:00 UTC.</summary>
    public static UserSettings Default { get; } = new(SyncInterval.Daily, 3, "UTC", null);
}
