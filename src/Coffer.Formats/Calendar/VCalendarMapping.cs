namespace Coffer.Formats.Calendar;

/// <summary>Value tables shared by the vCalendar 1.0 import and export.</summary>
internal static class VCalendarMapping
{
    /// <summary>1.0 properties whose value is not TEXT (everything else, X- included, is TEXT).</summary>
    public static readonly HashSet<string> NonText =
    [
        "VERSION", "TZ", "DAYLIGHT", "GEO", "DTSTART", "DTEND", "DUE", "COMPLETED", "DCREATED", "CREATED", "LAST-MODIFIED",
        "DTSTAMP", "RECURRENCE-ID", "EXDATE", "RDATE", "RRULE", "EXRULE", "AALARM", "DALARM", "PALARM", "MALARM",
        "ATTENDEE", "ORGANIZER", "URL", "ATTACH", "PRIORITY", "SEQUENCE", "RNUM", "TRANSP", "CLASS", "STATUS",
        "PERCENT-COMPLETE", "DURATION", "TRIGGER", "REPEAT", "ACTION", "TZOFFSETFROM", "TZOFFSETTO", "METHOD",
    ];

    /// <summary>TEXT lists: vCalendar 1.0 separates items with ";" (§3.6.2, §3.6.17), RFC 5545 with ",".</summary>
    public static readonly HashSet<string> TextLists = ["CATEGORIES", "RESOURCES"];

    /// <summary>DATE-TIME lists: ";" in 1.0 (§3.6.6 EXDATE, §3.6.19 RDATE), "," in RFC 5545.</summary>
    public static readonly HashSet<string> DateLists = ["EXDATE", "RDATE"];

    public static readonly Dictionary<string, string> AlarmActions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AALARM"] = "AUDIO",
        ["DALARM"] = "DISPLAY",
        ["PALARM"] = "PROCEDURE",
        ["MALARM"] = "EMAIL",
    };

    /// <summary>vCalendar 1.0 §3.5.3 ATTENDEE STATUS ⇄ RFC 5545 §3.2.12 PARTSTAT (the rest keep an X-VCAL-STATUS).</summary>
    public static readonly Dictionary<string, string> PartStat = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ACCEPTED"] = "ACCEPTED",
        ["NEEDS ACTION"] = "NEEDS-ACTION",
        ["TENTATIVE"] = "TENTATIVE",
        ["DECLINED"] = "DECLINED",
        ["COMPLETED"] = "COMPLETED",
        ["DELEGATED"] = "DELEGATED",
    };

    /// <summary>vCalendar 1.0 §3.5.3 EXPECT ⇄ RFC 5545 §3.2.16 ROLE.</summary>
    public static readonly Dictionary<string, string> Expect = new(StringComparer.OrdinalIgnoreCase)
    {
        ["REQUIRE"] = "REQ-PARTICIPANT",
        ["REQUEST"] = "OPT-PARTICIPANT",
        ["FYI"] = "NON-PARTICIPANT",
    };

    /// <summary>
    /// vCalendar 1.0 PRIORITY ⇄ RFC 5545 §3.8.1.9. Phones use 1 high, 2 normal, 3 low; RFC 5545 reads
    /// 1-4 high, 5 medium, 6-9 low. Values above 3 are taken as already on the 9-level scale.
    /// </summary>
    public static int PriorityToICalendar(int p) => p switch
    {
        2 => 5,
        3 => 9,
        _ => p,
    };

    public static int PriorityToVCalendar(int p) => p switch
    {
        <= 0 => 0,
        <= 4 => 1,
        5 => 2,
        _ => 3,
    };
}
