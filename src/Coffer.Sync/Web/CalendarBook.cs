using System.Text;
using Coffer.Formats;
using Coffer.Formats.Calendar;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Web;

/// <summary>
/// A user's events and tasks as the pages edit them, through <see cref="WebItems"/>: the stored iCalendar object is
/// parsed, the edited fields set on its first component, and the whole object written back, so what the form does
/// not show survives. An edit names the version it was made on, as for contacts.
/// </summary>
public sealed class CalendarBook(WebItems items)
{
    public async Task<(StoredItem Item, CalendarDocument Document)?> GetAsync(long userId, DatastoreKind kind, string id, CancellationToken ct = default)
    {
        if (await items.GetAsync(userId, kind, id, ct) is not { Content: { } content } item)
        {
            return null;
        }

        return (item, CalendarParser.Parse(Encoding.UTF8.GetString(content)));
    }

    /// <summary>The first event or task of the object (recurrence exceptions follow it).</summary>
    public static CalendarComponent? Main(CalendarDocument document) => document.Items.FirstOrDefault();

    public static CalendarEdit ToEdit(CalendarComponent c, DatastoreKind kind) => new()
    {
        Summary = c.Summary,
        Location = c.Location,
        Description = c.Description,
        Start = c.DtStart?.Value,
        End = (kind == DatastoreKind.Tasks ? c.Due : c.DtEnd)?.Value,
        AllDay = c.IsAllDay,
    };

    public async Task<string> AddAsync(long userId, DatastoreKind kind, CalendarEdit edit, CancellationToken ct = default)
    {
        var document = new CalendarDocument { ProdId = "-//Coffer//Web//EN" };
        var component = new CalendarComponent(kind == DatastoreKind.Tasks ? "VTODO" : "VEVENT") { Uid = Guid.NewGuid().ToString() };
        var now = DateTime.UtcNow;
        component.SetDate("DTSTAMP", CalendarDateTime.Utc(new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc)));
        document.Components.Add(component);
        Apply(component, kind, edit);
        return (await items.AddAsync(userId, kind, CalendarContentHandler.StoredType, Bytes(document), ct)).Id;
    }

    public async Task<EditOutcome> EditAsync(long userId, DatastoreKind kind, string id, long version, CalendarEdit edit, CancellationToken ct = default)
    {
        if (await GetAsync(userId, kind, id, ct) is not { } current || Main(current.Document) is not { } component)
        {
            return EditOutcome.Missing;
        }

        if (current.Item.Version != version)
        {
            return EditOutcome.Changed;
        }

        Apply(component, kind, edit);
        return await items.ReplaceAsync(userId, kind, id, CalendarContentHandler.StoredType, Bytes(current.Document), version, ct) != null
            ? EditOutcome.Saved
            : EditOutcome.Changed;
    }

    public Task<bool> DeleteAsync(long userId, DatastoreKind kind, string id, long version, CancellationToken ct = default) =>
        items.DeleteAsync(userId, kind, id, version, ct);

    private static void Apply(CalendarComponent c, DatastoreKind kind, CalendarEdit edit)
    {
        if (string.IsNullOrWhiteSpace(edit.Summary))
        {
            throw new PimFormatException("A title is needed.");
        }

        c.Summary = edit.Summary.Trim();
        c.Location = string.IsNullOrWhiteSpace(edit.Location) ? null : edit.Location.Trim();
        c.Description = string.IsNullOrWhiteSpace(edit.Description) ? null : edit.Description.ReplaceLineEndings("\n").Trim();
        var start = Date(c.DtStart, edit.Start, edit.AllDay);
        var end = Date(kind == DatastoreKind.Tasks ? c.Due : c.DtEnd, edit.End, edit.AllDay);
        if (start != null && end != null && end.Value < start.Value)
        {
            throw new PimFormatException("The end is before the start.");
        }

        c.DtStart = start;
        if (kind == DatastoreKind.Tasks)
        {
            c.Due = end;
        }
        else
        {
            c.DtEnd = end;
            if (end != null)
            {
                c.SetRaw("DURATION", null);
            }
        }
    }

    /// <summary>The new wall-clock time in the zone the item had (UTC, a TZID, or floating when it had none).</summary>
    private static CalendarDateTime? Date(CalendarDateTime? was, DateTime? value, bool allDay)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (allDay)
        {
            return CalendarDateTime.Date(v.Year, v.Month, v.Day);
        }

        var unspecified = DateTime.SpecifyKind(v, DateTimeKind.Unspecified);
        return was is { IsDate: false } w
            ? new CalendarDateTime(w.Kind == CalendarDateTimeKind.Utc ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : unspecified, w.Kind, w.TzId)
            : CalendarDateTime.Floating(unspecified);
    }

    private static byte[] Bytes(CalendarDocument document) => Encoding.UTF8.GetBytes(CalendarWriter.Write(document, CalendarVersion.ICalendar20));
}
