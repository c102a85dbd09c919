using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>
/// A calendar component (VEVENT, VTODO, VJOURNAL, VALARM, VTIMEZONE, STANDARD, DAYLIGHT, or any other)
/// with its properties in order and nested components. Typed accessors read and write the properties
/// list, so nothing is kept twice and unknown properties (X- too) stay verbatim.
/// </summary>
public class CalendarComponent
{
    public CalendarComponent(string name)
    {
        Name = name.ToUpperInvariant();
    }

    /// <summary>Upper-case component name ("VEVENT").</summary>
    public string Name { get; }

    public List<CalendarProperty> Properties { get; } = [];

    public List<CalendarComponent> Components { get; } = [];

    public string? Uid { get => GetText("UID"); set => SetText("UID", value); }

    public string? Summary { get => GetText("SUMMARY"); set => SetText("SUMMARY", value); }

    public string? Description { get => GetText("DESCRIPTION"); set => SetText("DESCRIPTION", value); }

    public string? Location { get => GetText("LOCATION"); set => SetText("LOCATION", value); }

    /// <summary>STATUS in its iCalendar 2.0 spelling ("CONFIRMED", "NEEDS-ACTION").</summary>
    public string? Status { get => Get("STATUS")?.Value; set => SetRaw("STATUS", value); }

    /// <summary>CLASS: PUBLIC, PRIVATE, CONFIDENTIAL or an x-name.</summary>
    public string? Class { get => Get("CLASS")?.Value; set => SetRaw("CLASS", value); }

    /// <summary>PRIORITY 0 (undefined) to 9 (lowest), RFC 5545 §3.8.1.9.</summary>
    public int? Priority
    {
        get => int.TryParse(Get("PRIORITY")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        set => SetRaw("PRIORITY", value?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>All CATEGORIES values of all CATEGORIES properties, unescaped.</summary>
    public IReadOnlyList<string> Categories =>
        [.. GetAll("CATEGORIES").SelectMany(p => p.TextList).Where(c => c.Length > 0)];

    public CalendarDateTime? DtStart { get => GetDate("DTSTART"); set => SetDate("DTSTART", value); }

    public CalendarDateTime? DtEnd { get => GetDate("DTEND"); set => SetDate("DTEND", value); }

    public CalendarDateTime? Due { get => GetDate("DUE"); set => SetDate("DUE", value); }

    public CalendarDateTime? RecurrenceId { get => GetDate("RECURRENCE-ID"); set => SetDate("RECURRENCE-ID", value); }

    public CalendarDateTime? LastModified { get => GetDate("LAST-MODIFIED"); set => SetDate("LAST-MODIFIED", value); }

    /// <summary>True for an all-day item: DTSTART is a DATE (RFC 5545 §3.6.1).</summary>
    public bool IsAllDay => DtStart?.IsDate == true;

    /// <summary>The RRULE, or null.</summary>
    public RecurrenceRule? RecurrenceRule
    {
        get => Get("RRULE") is { } p ? RecurrenceRule.Parse(p.Value) : null;
        set => SetRaw("RRULE", value?.ToString());
    }

    /// <summary>Every EXDATE value of every EXDATE property.</summary>
    public IReadOnlyList<CalendarDateTime> ExceptionDates => DateList("EXDATE");

    /// <summary>Nested VALARM components.</summary>
    public IEnumerable<CalendarComponent> Alarms => Components.Where(c => c.Name == "VALARM");

    /// <summary>The first property of that name, or null.</summary>
    public CalendarProperty? Get(string name) =>
        Properties.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<CalendarProperty> GetAll(string name) =>
        Properties.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public string? GetText(string name) => Get(name)?.Text;

    /// <summary>Replaces (or with null removes) a TEXT property, keeping its place.</summary>
    public void SetText(string name, string? text) => SetRaw(name, text is null ? null : CalendarText.Escape(text));

    /// <summary>Replaces (or with null removes) a property's raw RFC 5545 value, keeping its place and parameters.</summary>
    public void SetRaw(string name, string? value)
    {
        var index = Properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (value is null)
        {
            Properties.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        }
        else if (index >= 0)
        {
            Properties[index].Value = value;
        }
        else
        {
            Properties.Add(new CalendarProperty(name, value));
        }
    }

    /// <summary>Reads a DATE/DATE-TIME property honouring VALUE and TZID; null when absent or unreadable.</summary>
    public CalendarDateTime? GetDate(string name) =>
        Get(name) is { } p ? CalendarDateTime.TryParse(FirstItem(p.Value), p.GetParameter("TZID")) : null;

    public void SetDate(string name, CalendarDateTime? value)
    {
        var index = Properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        Properties.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (value is null)
        {
            return;
        }

        var prop = CalendarDates.ToProperty(name, value);
        Properties.Insert(index < 0 ? Properties.Count : index, prop);
    }

    public override string ToString() => $"{Name} {Uid ?? Summary}";

    /// <summary>A deep copy (properties, parameters and nested components).</summary>
    public CalendarComponent Clone()
    {
        var copy = this is CalendarDocument d ? new CalendarDocument(d.SourceVersion) : new CalendarComponent(Name);
        CopyInto(copy);
        return copy;
    }

    private void CopyInto(CalendarComponent copy)
    {
        foreach (var p in Properties)
        {
            copy.Properties.Add(new CalendarProperty(p.Name, p.Value, p.Parameters.Select(x => new CalendarParameter(x.Name, x.Values))));
        }

        foreach (var c in Components)
        {
            copy.Components.Add(c.Clone());
        }
    }

    private static string FirstItem(string value)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? value : value[..comma];
    }

    private List<CalendarDateTime> DateList(string name)
    {
        var list = new List<CalendarDateTime>();
        foreach (var p in GetAll(name))
        {
            foreach (var item in p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (CalendarDateTime.TryParse(item, p.GetParameter("TZID")) is { } d)
                {
                    list.Add(d);
                }
            }
        }

        return list;
    }
}
