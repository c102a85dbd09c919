using System.Globalization;

namespace Coffer.Agent.Scheduling;

/// <summary>
/// The daily local-time window in which scheduled backups run, e.g. 00:00–06:00; a window whose end is before its
/// start runs past midnight (22:00–02:00 belongs to the day it starts), and equal ends mean the whole day.
/// </summary>
public sealed record ScheduleWindow(TimeOnly Start, TimeOnly End)
{
    public static ScheduleWindow Default { get; } = new(new TimeOnly(0, 0), new TimeOnly(6, 0));

    public TimeSpan Length => Start == End ? TimeSpan.FromDays(1) : (End - Start);

    /// <summary>Parses <c>HH:MM-HH:MM</c>.</summary>
    public static bool TryParse(string text, out ScheduleWindow window)
    {
        window = Default;
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return false;
        }

        window = new ScheduleWindow(start, end);
        return true;
    }

    /// <summary>The start of the window occurrence that holds <paramref name="now"/>; null when now is outside the window.</summary>
    public DateTimeOffset? OccurrenceStart(DateTimeOffset now)
    {
        var today = At(now, 0);
        var t = TimeOnly.FromDateTime(now.DateTime);
        if (Start < End)
        {
            return t >= Start && t < End ? today : null;
        }

        // Past midnight (or the whole day): the part after midnight belongs to yesterday's occurrence.
        if (t >= Start)
        {
            return today;
        }

        return Start == End || t < End ? At(now, -1) : null;
    }

    /// <summary>The first window start after <paramref name="now"/>.</summary>
    public DateTimeOffset NextStart(DateTimeOffset now)
    {
        var today = At(now, 0);
        return today > now ? today : At(now, 1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start:HH:mm}-{End:HH:mm}");

    private DateTimeOffset At(DateTimeOffset now, int days) => new(now.Date.AddDays(days) + Start.ToTimeSpan(), now.Offset);
}
