using System.Text;
using Coffer.Storage;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Coffer.Sync.Web;

/// <summary>
/// The events of a date range with recurring ones expanded to their occurrences (RFC 5545 §3.8.5: RRULE, RDATE,
/// EXDATE, and RECURRENCE-ID exceptions replacing their instance), computed by Ical.Net from each stored object.
/// Times are the wall-clock times the items are written in (UTC ones as UTC).
/// </summary>
public sealed class CalendarOccurrences(WebItems items)
{
    /// <summary>Occurrences starting in [<paramref name="from"/>, <paramref name="to"/>), in start order.</summary>
    public async Task<IReadOnlyList<CalendarOccurrence>> InRangeAsync(long userId, DateTime from, DateTime to, CancellationToken ct = default)
    {
        var found = new List<CalendarOccurrence>();
        foreach (var item in await items.ListAsync(userId, DatastoreKind.Events, ct))
        {
            if (item.Content == null)
            {
                continue;
            }

            Calendar? calendar;
            try
            {
                calendar = Calendar.Load(Encoding.UTF8.GetString(item.Content));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Runtime.Serialization.SerializationException)
            {
                // Unreadable for Ical.Net: the item still shows in the list view.
                continue;
            }

            if (calendar == null)
            {
                continue;
            }

            foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(new CalDateTime(from)).TakeWhileBefore(new CalDateTime(to)))
            {
                if (occurrence.Source is not CalendarEvent source)
                {
                    continue;
                }

                var start = occurrence.Period.StartTime;
                var end = occurrence.Period.EffectiveEndTime;
                found.Add(new CalendarOccurrence(
                    item.Id,
                    source.Summary is { Length: > 0 } s ? s : "(no title)",
                    start.Value,
                    end?.Value,
                    !start.HasTime,
                    source.RecurrenceRule != null || source.RecurrenceIdentifier != null));
            }
        }

        return [.. found.OrderBy(o => o.Start).ThenBy(o => o.Title, StringComparer.CurrentCulture)];
    }
}
