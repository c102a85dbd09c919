namespace Coffer.Storage;

/// <summary>Each user's own settings (one row per user, none until first saved).</summary>
public interface IUserSettingsRepository
{
    /// <summary>The user's saved settings; null when none were saved (callers use <see cref="UserSettings.Default"/>).</summary>
    Task<UserSettings?> GetAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Saves the user's settings, replacing earlier ones; false when the user does not exist.</summary>
    Task<bool> SetAsync(long userId, UserSettings settings, CancellationToken cancellationToken = default);
}
