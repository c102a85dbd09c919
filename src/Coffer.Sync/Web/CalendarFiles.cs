using System.Text;
using Coffer.Formats;
using Coffer.Formats.Calendar;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Web;

/// <summary>
/// Events or tasks as one .ics file (RFC 5545): export of all of them in one VCALENDAR (each time zone once), and
/// import of a file, split into one item per UID (an event with its recurrence exceptions stays one item, as phones
/// keep it) with the time zones it uses. An item whose identity key (the one slow-sync twin matching uses: the UID,
/// else start and title) is already stored, or came earlier in the file, is skipped, so importing a file twice adds
/// nothing.
/// </summary>
public sealed class CalendarFiles(ICofferStore store, WebItems items, ContentHandlers handlers)
{
    public async Task<byte[]> ExportAsync(long userId, DatastoreKind kind, CancellationToken ct = default)
    {
        var all = new CalendarDocument { ProdId = "-//Coffer//Web export//EN" };
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in await items.ListAsync(userId, kind, ct))
        {
            if (item.Content == null)
            {
                continue;
            }

            var doc = CalendarParser.Parse(Encoding.UTF8.GetString(item.Content));
            foreach (var zone in doc.TimeZones)
            {
                if (zones.Add(zone.GetText("TZID") ?? string.Empty))
                {
                    all.Components.Add(zone);
                }
            }

            all.Components.AddRange(doc.Items);
        }

        return Encoding.UTF8.GetBytes(CalendarWriter.Write(all, CalendarVersion.ICalendar20));
    }

    public async Task<ImportSummary> ImportAsync(long userId, DatastoreKind kind, byte[] file, CancellationToken ct = default)
    {
        var wanted = kind == DatastoreKind.Tasks ? "VTODO" : "VEVENT";
        var docs = CalendarParser.ParseAll(Encoding.UTF8.GetString(file));
        if (docs.Count == 0)
        {
            throw new PimFormatException("No BEGIN:VCALENDAR found: this is not an .ics file.");
        }

        var handler = handlers.For(kind, CalendarContentHandler.StoredType);
        var skipped = new List<ImportRow>();
        var candidates = new List<(string Name, NormalizedContent Content)>();
        foreach (var doc in docs)
        {
            foreach (var group in doc.Items.Where(i => i.Name == wanted).GroupBy(i => i.Uid ?? Guid.NewGuid().ToString()))
            {
                var one = new CalendarDocument { ProdId = doc.ProdId ?? "-//Coffer//Web import//EN" };
                var used = group.SelectMany(c => c.Properties).Select(p => p.GetParameter("TZID")).Where(t => t != null).ToHashSet();
                one.Components.AddRange(doc.TimeZones.Where(z => used.Contains(z.GetText("TZID"))));
                one.Components.AddRange(group);
                var name = group.First().Summary ?? "(no title)";
                try
                {
                    candidates.Add((name, handler.Normalize(CalendarWriter.Write(one, CalendarVersion.ICalendar20), CalendarContentHandler.StoredType)));
                }
                catch (PimFormatException e)
                {
                    skipped.Add(new ImportRow(0, name, ImportAction.Skip, e.Message));
                }
            }
        }

        HashSet<string> stored;
        await using (var uow = await store.BeginReadAsync(ct))
        {
            var user = await uow.Users.GetAsync(userId, ct) ?? throw new InvalidOperationException($"no user {userId}");
            var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
            using var hasher = new IdentityKeyHasher(user.IdentitySecret);
            var keys = candidates.Select(c => hasher.Compute(c.Content.IdentityKey)).ToList();
            stored = datastore == null ? [] : [.. (await uow.Items.FindByIdentityKeysAsync(datastore.Id, keys, false, ct)).Select(i => Convert.ToHexString(i.IdentityKey ?? []))];
            candidates = [.. candidates.Select((c, i) => (c.Name, c.Content with { IdentityKey = Convert.ToHexString(keys[i]) }))];
        }

        var added = 0;
        foreach (var (name, content) in candidates)
        {
            if (!stored.Add(content.IdentityKey))
            {
                skipped.Add(new ImportRow(0, name, ImportAction.Skip, "already in the " + (kind == DatastoreKind.Tasks ? "task list" : "calendar")));
                continue;
            }

            await items.AddAsync(userId, kind, content.ContentType, Encoding.UTF8.GetBytes(content.Text), ct);
            added++;
        }

        return new ImportSummary(added, 0, skipped);
    }
}
