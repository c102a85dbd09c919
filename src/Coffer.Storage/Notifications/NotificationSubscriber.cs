namespace Coffer.Storage;

/// <summary>An enabled account with at least one device, as the night planner needs it.</summary>
/// <param name="Settings">The user's settings, or <see cref="UserSettings.Default"/> when none were saved.</param>
/// <param name="NextDue">The night the next notification is due; null before the first plan took the user.</param>
public sealed record NotificationSubscriber(long UserId, UserSettings Settings, DateOnly? NextDue);
