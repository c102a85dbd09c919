namespace Coffer.Sync.Notifications;

/// <summary>
/// Where a night's window starts in UTC for each time zone. A start that falls in a daylight-saving gap moves to the
/// first valid minute after it; the window then lasts its length in real minutes, across any clock change.
/// </summary>
internal sealed class NightWindows(DateOnly night, TimeOnly start)
{
    private readonly Dictionary<string, DateTimeOffset> starts = new(StringComparer.Ordinal);

    public DateTimeOffset StartOf(string timeZone)
    {
        if (starts.TryGetValue(timeZone, out var known))
        {
            return known;
        }

        var zone = Find(timeZone);
        var local = night.ToDateTime(start, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        starts[timeZone] = utc;
        return utc;
    }

    private static TimeZoneInfo Find(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
