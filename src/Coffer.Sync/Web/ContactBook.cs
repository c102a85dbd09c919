using System.Text;
using Coffer.Formats;
using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Web;

/// <summary>
/// A user's contacts as the pages and the API edit them, through <see cref="WebItems"/> (origin "web", so every phone
/// gets the change at its next sync). An edit names the version it was made on: when a phone changed the contact in
/// between, the edit is refused rather than overwriting the phone's change.
/// </summary>
public sealed class ContactBook(WebItems items)
{
    public async Task<StoredContact?> GetAsync(long userId, string id, CancellationToken ct = default)
    {
        var item = await items.GetAsync(userId, DatastoreKind.Contacts, id, ct);
        if (item?.Content == null)
        {
            return null;
        }

        var card = VCardParser.Parse(Encoding.UTF8.GetString(item.Content)).FirstOrDefault() ?? new VCard();
        return new StoredContact(item.Id, item.Version, item.Modified, item.Origin, card);
    }

    /// <summary>Adds a contact; returns its id. Throws <see cref="Quotas.QuotaFullException"/> when the quota is full.</summary>
    public async Task<string> AddAsync(long userId, VCard card, CancellationToken ct = default) =>
        (await items.AddAsync(userId, DatastoreKind.Contacts, VCardContentHandler.StoredType, Bytes(card), ct)).Id;

    /// <summary>Applies a form's fields to the contact at <paramref name="version"/>.</summary>
    public async Task<EditOutcome> EditAsync(long userId, string id, long version, IEnumerable<VCardField> fields, CancellationToken ct = default)
    {
        var current = await GetAsync(userId, id, ct);
        if (current == null)
        {
            return EditOutcome.Missing;
        }

        if (current.Version != version)
        {
            return EditOutcome.Changed;
        }

        var edited = VCardFieldEditor.Apply(current.Card, fields);
        return await ReplaceAsync(userId, id, version, edited, ct);
    }

    /// <summary>Replaces the contact at <paramref name="version"/> (null: whatever its version) with <paramref name="card"/>.</summary>
    public async Task<EditOutcome> ReplaceAsync(long userId, string id, long? version, VCard card, CancellationToken ct = default)
    {
        if (card.Properties.Count == 0)
        {
            throw new PimFormatException("A contact needs at least one field.");
        }

        var replaced = await items.ReplaceAsync(userId, DatastoreKind.Contacts, id, VCardContentHandler.StoredType, Bytes(card), version, ct);
        return replaced != null ? EditOutcome.Saved
            : await items.GetAsync(userId, DatastoreKind.Contacts, id, ct) == null ? EditOutcome.Missing
            : EditOutcome.Changed;
    }

    public Task<bool> DeleteAsync(long userId, string id, long? version, CancellationToken ct = default) =>
        items.DeleteAsync(userId, DatastoreKind.Contacts, id, version, ct);

    private static byte[] Bytes(VCard card) => Encoding.UTF8.GetBytes(VCardWriter.Write(card, VCardVersion.V3_0));
}
