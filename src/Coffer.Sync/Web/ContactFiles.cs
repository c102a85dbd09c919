using System.Text;
using Coffer.Formats;
using Coffer.Formats.Csv;
using Coffer.Formats.Identity;
using Coffer.Formats.Merge;
using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Web;

/// <summary>
/// The phone book as a file (docs/web.md "Import and export"): download as .vcf, Google or Outlook CSV; upload of any
/// of them in two steps, a plan to preview and then its import. An uploaded contact whose identity key (the one
/// slow-sync twin matching uses, <see cref="IdentityKeys.ForVCard"/>) equals an existing contact's is never added
/// again: its fields are merged into that contact (the union, as for slow-sync twins), or it is skipped when it
/// brings nothing new; the same contact twice in one file is imported once.
/// </summary>
public sealed class ContactFiles(ICofferStore store, WebItems items)
{
    private static readonly VCardContentHandler Handler = new();

    /// <summary>Every contact of the user in the format, in the order of the list.</summary>
    public async Task<byte[]> ExportAsync(long userId, ContactFileFormat format, CancellationToken ct = default)
    {
        var cards = new List<VCard>();
        foreach (var item in await items.ListAsync(userId, DatastoreKind.Contacts, ct))
        {
            if (item.Content is { } content && VCardParser.Parse(Encoding.UTF8.GetString(content)).FirstOrDefault() is { } card)
            {
                cards.Add(card);
            }
        }

        return format switch
        {
            ContactFileFormat.Google => ContactCsvWriter.WriteBytes(cards, CsvLayout.Google),
            ContactFileFormat.Outlook => ContactCsvWriter.WriteBytes(cards, CsvLayout.Outlook),
            _ => Encoding.UTF8.GetBytes(VCardWriter.Write(cards, VCardVersion.V3_0)),
        };
    }

    /// <summary>What importing the file would do. Throws <see cref="PimFormatException"/> for a file that is neither vCard nor a known CSV layout.</summary>
    public async Task<ImportPlan> PlanAsync(long userId, byte[] file, CancellationToken ct = default)
    {
        var (format, read, errors) = Read(file);
        var rows = new List<ImportRow>();
        rows.AddRange(errors.Select(e => new ImportRow(e.Line, string.Empty, ImportAction.Skip, e.Message)));

        await using var uow = await store.BeginReadAsync(ct);
        var user = await uow.Users.GetAsync(userId, ct) ?? throw new InvalidOperationException($"no user {userId}");
        var datastore = await uow.Datastores.GetAsync(userId, DatastoreKind.Contacts, ct);
        using var hasher = new IdentityKeyHasher(user.IdentitySecret);
        // The key of the card as it would be stored, computed as for any item written (WebItems, the sync engine).
        var keys = read.Select(r => hasher.Compute(Handler.Normalize(VCardWriter.Write(r.Card, VCardVersion.V3_0), VCardContentHandler.StoredType).IdentityKey)).ToList();
        var existing = datastore == null ? [] : await uow.Items.FindByIdentityKeysAsync(datastore.Id, keys, true, ct);
        var existingByKey = existing.GroupBy(i => Convert.ToHexString(i.IdentityKey ?? [])).ToDictionary(g => g.Key, g => g.First());
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < read.Count; i++)
        {
            var (line, card) = read[i];
            var name = ContactSummarizer.DisplayName(card);
            var key = Convert.ToHexString(keys[i]);
            if (seen.TryGetValue(key, out var firstLine))
            {
                rows.Add(new ImportRow(line, name, ImportAction.Skip, $"the same contact as line {firstLine} of this file"));
                continue;
            }

            seen[key] = line;
            if (!existingByKey.TryGetValue(key, out var twin) || twin.Content == null)
            {
                rows.Add(new ImportRow(line, name, ImportAction.Add, "new", card));
                continue;
            }

            var current = VCardParser.Parse(Encoding.UTF8.GetString(twin.Content)).First();
            var merged = FieldMerge.Merge(null, current, card, null).Item;
            rows.Add(FieldMerge.DiffersOnDevice(merged, current, null)
                ? new ImportRow(line, name, ImportAction.Update, $"adds fields to \"{ContactSummarizer.DisplayName(current)}\"", merged, twin.Id, twin.Version)
                : new ImportRow(line, name, ImportAction.Skip, $"already in the phone book as \"{ContactSummarizer.DisplayName(current)}\", nothing new"));
        }

        return new ImportPlan(format, [.. rows.OrderBy(r => r.Line)]);
    }

    /// <summary>
    /// Imports the file: the plan is made again now (so a contact added meanwhile, by a phone or another upload, is
    /// matched too), then carried out. A contact changed between planning and writing is skipped, not overwritten.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(long userId, byte[] file, CancellationToken ct = default)
    {
        var plan = await PlanAsync(userId, file, ct);
        var skipped = plan.Rows.Where(r => r.Action == ImportAction.Skip).ToList();
        var (added, updated) = (0, 0);
        foreach (var row in plan.Rows)
        {
            var text = row.Card == null ? null : Encoding.UTF8.GetBytes(VCardWriter.Write(row.Card, VCardVersion.V3_0));
            switch (row.Action)
            {
                case ImportAction.Add:
                    await items.AddAsync(userId, DatastoreKind.Contacts, VCardContentHandler.StoredType, text!, ct);
                    added++;
                    break;
                case ImportAction.Update when await items.ReplaceAsync(userId, DatastoreKind.Contacts, row.ExistingId!, VCardContentHandler.StoredType, text!, row.ExistingVersion, ct) != null:
                    updated++;
                    break;
                case ImportAction.Update:
                    skipped.Add(row with { Action = ImportAction.Skip, Reason = "the contact changed while importing" });
                    break;
            }
        }

        return new ImportSummary(added, updated, [.. skipped.OrderBy(r => r.Line)]);
    }

    private static (string Format, List<(int Line, VCard Card)> Cards, List<CsvRowError> Errors) Read(byte[] file)
    {
        var text = CsvEncodingDetector.Decode(file, out _);
        if (text.TrimStart().StartsWith("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
        {
            var cards = VCardParser.Parse(text);
            return ("vCard", [.. cards.Select(c => (Math.Max(1, c.LineNumber), c))], []);
        }

        var csv = ContactCsvReader.Read(file);
        var format = csv.Layout == CsvLayout.Outlook ? "Outlook CSV" : "Google CSV";
        return (format, [.. csv.Contacts.Select((c, i) => (csv.ContactLines[i], c))], csv.Errors);
    }
}
