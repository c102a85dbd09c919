namespace Coffer.Sync.Web;

/// <summary>
/// The fields of an event or task the pages edit; every other property of the item (alarms, attendees, recurrence,
/// time zones, X- properties) is kept as it is. <see cref="Start"/> and <see cref="End"/> are wall-clock times in the
/// item's own zone (or UTC, or floating) as it had them; an end of a task is its due time.
/// </summary>
public sealed class CalendarEdit
{
    public string? Summary { get; set; }

    public string? Location { get; set; }

    public string? Description { get; set; }

    public DateTime? Start { get; set; }

    public DateTime? End { get; set; }

    public bool AllDay { get; set; }
}
