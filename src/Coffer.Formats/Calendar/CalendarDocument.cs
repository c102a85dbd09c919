namespace Coffer.Formats.Calendar;

/// <summary>
/// A VCALENDAR object: VERSION, PRODID, METHOD, other calendar properties and its components
/// (VEVENT, VTODO, VJOURNAL, VTIMEZONE, ...). The model holds iCalendar 2.0 semantics whatever was
/// read; <see cref="SourceVersion"/> says which format it came from.
/// </summary>
public sealed class CalendarDocument : CalendarComponent
{
    public CalendarDocument(CalendarVersion sourceVersion = CalendarVersion.ICalendar20)
        : base("VCALENDAR")
    {
        SourceVersion = sourceVersion;
    }

    /// <summary>The format this document was parsed from (VERSION:1.0 or 2.0).</summary>
    public CalendarVersion SourceVersion { get; set; }

    public string? ProdId { get => Get("PRODID")?.Value; set => SetRaw("PRODID", value); }

    public string? Method { get => Get("METHOD")?.Value; set => SetRaw("METHOD", value); }

    /// <summary>The items: every component except VTIMEZONE.</summary>
    public IEnumerable<CalendarComponent> Items => Components.Where(c => c.Name != "VTIMEZONE");

    public IEnumerable<CalendarComponent> TimeZones => Components.Where(c => c.Name == "VTIMEZONE");

    /// <summary>The VTIMEZONE with that TZID, or null.</summary>
    public CalendarComponent? FindTimeZone(string tzId) =>
        TimeZones.FirstOrDefault(t => string.Equals(t.Get("TZID")?.Value, tzId, StringComparison.Ordinal));
}
