using Coffer.Formats.Calendar;

namespace Coffer.Formats.Merge;

/// <summary>The items of a calendar object keyed by <see cref="CalendarFields.ItemKey"/>, with their fields.</summary>
internal static class CalendarItems
{
    public static Dictionary<string, Entry> Of(CalendarDocument doc)
    {
        var items = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var item in doc.Items)
        {
            var key = CalendarFields.ItemKey(item, doc);
            var n = 1;
            while (items.ContainsKey(key))
            {
                // Two items with the same RECURRENCE-ID (or two masters): keep both, matched by order.
                key = CalendarFields.ItemKey(item, doc) + "#" + n++;
            }

            items[key] = new Entry(item, CalendarFields.Of(item, doc));
        }

        return items;
    }

    internal sealed record Entry(CalendarComponent Item, List<Field> Fields);
}
