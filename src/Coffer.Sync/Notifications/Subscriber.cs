using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>One account as the night planner sees it.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Carrier">The subscription company ("" when the user gave none: those form a carrier of their own).</param>
/// <param name="Interval">Daily, weekly or none (the settings page).</param>
/// <param name="NightHour">The preferred hour in <paramref name="TimeZone"/>; moved into the window when outside it.</param>
/// <param name="TimeZone">IANA id of the user's time zone.</param>
/// <param name="NextDue">The night the next notification is due, or null before the first one was planned.</param>
public readonly record struct Subscriber(long Id, string Carrier, SyncInterval Interval, int NightHour, string TimeZone, DateOnly? NextDue);
