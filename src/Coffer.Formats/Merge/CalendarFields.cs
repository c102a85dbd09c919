using System.Globalization;
using Coffer.Formats.Calendar;
using Coffer.Formats.Identity;

namespace Coffer.Formats.Merge;

/// <summary>
/// The properties of one calendar item (VEVENT, VTODO, VJOURNAL) as fields; nested components (VALARM) are one
/// field each. Date values are compared as UTC instants when their time zone is known (a vCalendar 1.0 device
/// sends UTC what the server holds with a TZID), TEXT unescaped, RRULE parts sorted.
/// </summary>
internal sealed class CalendarFields : IFieldSchema
{
    public static readonly CalendarFields Schema = new();

    // RFC 5545 §3.6.1/§3.6.2: the properties that "MAY occur more than once".
    private static readonly HashSet<string> Multi = new(StringComparer.Ordinal)
    {
        "ATTACH", "ATTENDEE", "CATEGORIES", "COMMENT", "CONTACT", "EXDATE", "RDATE", "RELATED-TO", "RESOURCES", "REQUEST-STATUS", "VALARM",
    };

    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal) { "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "PRODID", "X-IRMC-LUID" };

    private static readonly HashSet<string> Dates = new(StringComparer.Ordinal)
    {
        "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "COMPLETED", "CREATED", "DTSTAMP", "LAST-MODIFIED",
    };

    private static readonly HashSet<string> Texts = new(StringComparer.Ordinal)
    {
        "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "RESOURCES", "CATEGORIES",
    };

    public bool IsSingle(string name) => !Multi.Contains(name);

    public bool IsVolatile(string name) => Volatile.Contains(name);

    /// <summary>vCalendar 1.0 CTCaps name alarms AALARM/DALARM and creation DCREATED (vCalendar 1.0 §2.1.4).</summary>
    public PropertyCapability? Find(DeviceCapabilities caps, string name)
    {
        if (caps.Find(name) is { } direct)
        {
            return direct;
        }

        switch (name)
        {
            case "VALARM":
                if ((caps.Find("AALARM") ?? caps.Find("DALARM") ?? caps.Find("TRIGGER")) is { } alarm)
                {
                    return alarm with { Name = name };
                }

                var begin = caps.Find("BEGIN");
                return begin != null && begin.Values.Contains("VALARM", StringComparer.OrdinalIgnoreCase) ? new PropertyCapability(name) : null;
            case "CREATED":
                return caps.Find("DCREATED");
            default:
                return null;
        }
    }

    public static List<Field> Of(CalendarComponent item, CalendarDocument doc)
    {
        var zones = new Zones(doc);
        var fields = new List<Field>(item.Properties.Count + item.Components.Count);
        fields.AddRange(item.Properties.Select(p => new Field(p.Name, string.Empty, ValueOf(p, zones), false, p)));
        fields.AddRange(item.Components.Select(c => new Field(c.Name, string.Empty, NestedValue(c, zones), false, c)));
        return fields;
    }

    public static CalendarComponent Build(string name, IEnumerable<Field> fields)
    {
        var item = new CalendarComponent(name);
        foreach (var f in fields)
        {
            switch (f.Source)
            {
                case CalendarProperty p:
                    item.Properties.Add(Clone(p));
                    break;
                case CalendarComponent c:
                    item.Components.Add(c.Clone());
                    break;
            }
        }

        return item;
    }

    public static CalendarProperty Clone(CalendarProperty p) =>
        new(p.Name, p.Value, p.Parameters.Select(x => new CalendarParameter(x.Name, x.Values)));

    /// <summary>Which item of a calendar object this is: component name and normalized RECURRENCE-ID (RFC 5545 §3.8.4.4).</summary>
    public static string ItemKey(CalendarComponent item, CalendarDocument doc) =>
        item.Name + "|" + (item.Get("RECURRENCE-ID") is { } rid ? ValueOf(rid, new Zones(doc)) : string.Empty);

    /// <summary>A date value as a UTC instant when its zone is known, else as written (with its TZID).</summary>
    public static string DateValue(CalendarProperty p, CalendarDocument doc) => ValueOf(p, new Zones(doc));

    private static string ValueOf(CalendarProperty p, Zones zones)
    {
        if (Dates.Contains(p.Name) && !string.Equals(p.GetParameter("VALUE"), "PERIOD", StringComparison.OrdinalIgnoreCase))
        {
            var items = p.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => DateItem(v, p.GetParameter("TZID"), zones));
            return string.Join(',', p.Name is "EXDATE" or "RDATE" ? items.Order(StringComparer.Ordinal) : items);
        }

        if (Texts.Contains(p.Name))
        {
            return p.Name is "CATEGORIES" or "RESOURCES"
                ? string.Join(',', p.TextList.Select(t => t.Trim()).Where(t => t.Length > 0))
                : TextFold.Text(p.Text);
        }

        return p.Name switch
        {
            "RRULE" or "EXRULE" => string.Join(';', p.Value.ToUpperInvariant().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(part => part != "INTERVAL=1").Order(StringComparer.Ordinal)),
            "STATUS" or "CLASS" or "TRANSP" or "ACTION" => p.Value.Trim().ToUpperInvariant(),
            "ATTENDEE" or "ORGANIZER" => p.Value.Trim().ToLowerInvariant(),
            _ => TextFold.Text(p.Value),
        };
    }

    private static string DateItem(string text, string? tzId, Zones zones)
    {
        var d = CalendarDateTime.TryParse(text, tzId);
        if (d == null)
        {
            return text;
        }

        if (d.Kind == CalendarDateTimeKind.Zoned && d.TzId != null && zones.Find(d.TzId) is { } zone)
        {
            return zone.ToUtc(d.Value).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }

        return d.ToString();
    }

    private static string NestedValue(CalendarComponent c, Zones zones) =>
        string.Join('\n', c.Properties.Where(p => !Volatile.Contains(p.Name)).Select(p => p.Name + ":" + ValueOf(p, zones)).Order(StringComparer.Ordinal));

    /// <summary>The VTIMEZONEs of a document, read on first use.</summary>
    private sealed class Zones(CalendarDocument doc)
    {
        private readonly Dictionary<string, CalendarTimeZone?> cache = new(StringComparer.Ordinal);

        public CalendarTimeZone? Find(string tzId)
        {
            if (!cache.TryGetValue(tzId, out var zone))
            {
                try
                {
                    zone = doc.FindTimeZone(tzId) is { } vtz ? CalendarTimeZone.FromComponent(vtz) : null;
                }
                catch (PimFormatException)
                {
                    zone = null;
                }

                cache[tzId] = zone;
            }

            return zone;
        }
    }
}
