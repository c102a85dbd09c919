using System.Globalization;
using System.Text;
using Coffer.Formats;
using Coffer.Formats.Calendar;
using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>Events and tasks in a list: the summary and the start (events) or due date (tasks), in that date's order.</summary>
public sealed class CalendarSummarizer(DatastoreKind kind) : IItemSummarizer
{
    public DatastoreKind Kind => kind;

    public ItemSummary Summarize(StoredItem item)
    {
        CalendarComponent? component;
        try
        {
            component = CalendarParser.Parse(Encoding.UTF8.GetString(item.Content ?? [])).Items.FirstOrDefault();
        }
        catch (PimFormatException)
        {
            component = null;
        }

        if (component == null)
        {
            return new ItemSummary(item.Id, item.Version, "(unreadable item)", string.Empty, "\uffff", string.Empty, item.Modified);
        }

        var title = component.Summary is { Length: > 0 } s ? s : "(no title)";
        var when = (kind == DatastoreKind.Tasks ? component.Due ?? component.DtStart : component.DtStart)?.Value;
        var detail = when is { } w
            ? w.ToString(component.IsAllDay || w.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : string.Empty;
        if (component.RecurrenceRule != null)
        {
            detail += detail.Length > 0 ? ", repeats" : "repeats";
        }

        // Dated items in date order, undated ones after them by title.
        var sortKey = (when is { } d ? d.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) : "~") + " " + SearchText.Fold(title);
        return new ItemSummary(item.Id, item.Version, title, detail, sortKey, SearchText.Of([component.Summary, component.Description, component.Location, .. component.Categories]), item.Modified);
    }
}
