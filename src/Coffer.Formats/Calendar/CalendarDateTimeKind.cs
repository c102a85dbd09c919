namespace Coffer.Formats.Calendar;

/// <summary>What a <see cref="CalendarDateTime"/> is anchored to (RFC 5545 §3.3.4, §3.3.5).</summary>
public enum CalendarDateTimeKind
{
    /// <summary>A whole day without time (VALUE=DATE): all-day events, date-only EXDATE/UNTIL.</summary>
    Date,

    /// <summary>Local wall-clock time without zone ("form #1", floating).</summary>
    Floating,

    /// <summary>UTC ("form #2", trailing Z).</summary>
    Utc,

    /// <summary>Wall-clock time in the zone named by TZID ("form #3").</summary>
    Zoned,
}
