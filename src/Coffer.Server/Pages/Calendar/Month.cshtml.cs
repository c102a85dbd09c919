using System.Globalization;
using Coffer.Server.Web;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Calendar;

/// <summary>A month or a week of events, recurring ones expanded (<see cref="CalendarOccurrences"/>); weeks start on Monday.</summary>
public sealed class MonthModel(CalendarOccurrences occurrences) : PageModel
{
    /// <summary>The month (or week, with week=true) shown, as yyyy-MM-dd of any of its days; today when absent.</summary>
    [BindProperty(SupportsGet = true, Name = "d")]
    public string? Day { get; set; }

    [BindProperty(SupportsGet = true, Name = "week")]
    public bool Week { get; set; }

    public DateTime Anchor { get; private set; }

    /// <summary>The days the grid shows: whole weeks, Monday first.</summary>
    public DateTime First { get; private set; }

    public DateTime Last { get; private set; }

    public ILookup<DateTime, CalendarOccurrence> ByDay { get; private set; } = Enumerable.Empty<CalendarOccurrence>().ToLookup(o => o.Start.Date);

    public string Title => Week ? $"Week of {First:d MMMM yyyy}" : Anchor.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public string Link(DateTime day, bool week) => $"/calendar/month?d={day:yyyy-MM-dd}" + (week ? "&week=true" : string.Empty);

    public DateTime Previous => Week ? Anchor.AddDays(-7) : Anchor.AddMonths(-1);

    public DateTime Next => Week ? Anchor.AddDays(7) : Anchor.AddMonths(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Anchor = DateTime.TryParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.Date : DateTime.UtcNow.Date;
        var start = Week ? Anchor : new DateTime(Anchor.Year, Anchor.Month, 1);
        First = start.AddDays(-(((int)start.DayOfWeek + 6) % 7));
        var end = Week ? First.AddDays(6) : new DateTime(Anchor.Year, Anchor.Month, 1).AddMonths(1).AddDays(-1);
        Last = end.AddDays((7 - (int)end.DayOfWeek) % 7);
        var found = await occurrences.InRangeAsync(User.UserId(), First, Last.AddDays(1), ct);
        ByDay = found.ToLookup(o => o.Start.Date);
    }
}
