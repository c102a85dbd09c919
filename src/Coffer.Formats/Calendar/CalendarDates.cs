namespace Coffer.Formats.Calendar;

/// <summary>Helpers shared by parser and writer for DATE/DATE-TIME properties.</summary>
internal static class CalendarDates
{
    /// <summary>Properties whose value is a DATE/DATE-TIME (list), RFC 5545 §3.8.2, §3.8.5, §3.8.7.</summary>
    public static readonly HashSet<string> DateProperties =
        ["DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "COMPLETED", "CREATED", "DTSTAMP", "LAST-MODIFIED", "DCREATED"];

    /// <summary>Properties whose value may be floating local time that a zone (TZID or vCalendar 1.0 TZ) anchors.</summary>
    public static readonly HashSet<string> ZonableProperties = ["DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"];

    public static CalendarProperty ToProperty(string name, CalendarDateTime value)
    {
        var prop = new CalendarProperty(name, value.Format());
        if (value.IsDate)
        {
            prop.Parameters.Add(new CalendarParameter("VALUE", "DATE"));
        }

        if (value.TzId is not null)
        {
            prop.Parameters.Add(new CalendarParameter("TZID", value.TzId));
        }

        return prop;
    }
}
