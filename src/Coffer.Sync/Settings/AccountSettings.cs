using Coffer.Storage;

namespace Coffer.Sync.Settings;

/// <summary>
/// A user's own settings (docs/web.md, "Settings"): read with defaults, checked before they are saved — an hour of the
/// day, a time zone this machine knows by its IANA id, a carrier name of reasonable length.
/// </summary>
public sealed class AccountSettings(ICofferStore store)
{
    public const int MaxCarrierLength = 100;

    public async Task<UserSettings> GetAsync(long userId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        return await uow.Settings.GetAsync(userId, ct) ?? UserSettings.Default;
    }

    /// <summary>Saves the settings; returns what is wrong with them instead when something is (nothing is saved then).</summary>
    public async Task<string?> SaveAsync(long userId, UserSettings settings, CancellationToken ct = default)
    {
        if (Problem(settings) is { } problem)
        {
            return problem;
        }

        var carrier = settings.Carrier?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        await using var uow = await store.BeginAsync(ct);
        if (!await uow.Settings.SetAsync(userId, settings with { Carrier = carrier }, ct))
        {
            return "no such account";
        }

        await uow.CommitAsync(ct);
        return null;
    }

    /// <summary>The IANA time zones of this machine, sorted, UTC first.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        ["UTC", .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string? Problem(UserSettings settings)
    {
        if (!Enum.IsDefined(settings.SyncInterval))
        {
            return "the sync interval must be daily, weekly or none";
        }

        if (settings.NightHour is < 0 or > 23)
        {
            return "the hour must be between 0 and 23";
        }

        if (settings.TimeZone != "UTC" && !TimeZones.Contains(settings.TimeZone, StringComparer.Ordinal))
        {
            return $"unknown time zone '{settings.TimeZone}'";
        }

        return settings.Carrier is { Length: > MaxCarrierLength } ? $"the carrier name is longer than {MaxCarrierLength} characters" : null;
    }
}
