namespace Coffer.Formats.Calendar;

/// <summary>The two calendar formats OMA DS devices exchange.</summary>
public enum CalendarVersion
{
    /// <summary>vCalendar 1.0 (text/x-vcalendar, versit 1996), what most phones speak.</summary>
    VCalendar10,

    /// <summary>iCalendar 2.0 (text/calendar, RFC 5545).</summary>
    ICalendar20,
}
