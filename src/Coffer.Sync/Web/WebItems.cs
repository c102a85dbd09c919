using System.Security.Cryptography;
using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Datastores;
using Coffer.Sync.Quotas;

namespace Coffer.Sync.Web;

/// <summary>
/// Item edits outside a sync (the JSON API now, web pages later): content is normalized and keyed as a device's
/// would be, written with origin "web", and every device receives it at its next sync. Additions obey the quota.
/// </summary>
public sealed class WebItems(ICofferStore store, ContentHandlers handlers, QuotaOptions quota)
{
    /// <summary>The live items of the datastore, oldest change first.</summary>
    public async Task<IReadOnlyList<StoredItem>> ListAsync(long userId, DatastoreKind kind, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        var items = new List<StoredItem>();
        var after = 0L;
        while (datastore != null)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 500, true, ct);
            if (page.Count == 0)
            {
                break;
            }

            items.AddRange(page);
            after = page[^1].Sequence;
        }

        return items;
    }

    /// <summary>The user's live item, or null when there is none with that id.</summary>
    public async Task<StoredItem?> GetAsync(long userId, DatastoreKind kind, string itemId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        if (datastore == null)
        {
            return null;
        }

        var items = await uow.Items.GetAsync(datastore.Id, [itemId], true, ct);
        return items.Count == 1 && !items[0].Deleted ? items[0] : null;
    }

    /// <summary>Adds an item. Throws <see cref="QuotaFullException"/> when the quota has no room, and
    /// <see cref="Coffer.Formats.PimFormatException"/> for content the datastore's format cannot accept.</summary>
    public async Task<StoredItem> AddAsync(long userId, DatastoreKind kind, string? contentType, byte[] content, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.GetAsync(userId, ct) ?? throw new InvalidOperationException($"no user {userId}");
        var (type, bytes, key) = Prepare(user, kind, contentType, content);
        var room = await QuotaCheck.LoadAsync(uow, userId, quota, ct);
        if (!room.TryTake(bytes.Length))
        {
            throw new QuotaFullException("the account's quota is full");
        }

        var datastore = await uow.Datastores.EnsureAsync(userId, kind, ct);
        var added = (await uow.Items.AddAsync(datastore.Id, [new NewItem(type, bytes, ItemOrigins.Web, key)], ct))[0];
        await uow.CommitAsync(ct);
        return added;
    }

    /// <summary>Replaces an item (a deleted one is revived); null when the user has no such item.</summary>
    public Task<StoredItem?> ReplaceAsync(long userId, DatastoreKind kind, string itemId, string? contentType, byte[] content, CancellationToken ct = default) =>
        ReplaceAsync(userId, kind, itemId, contentType, content, null, ct);

    /// <summary>
    /// Replaces an item; null when the user has no such item, or when <paramref name="expectedVersion"/> is given and
    /// the item is no longer at that version (a phone synced a change meanwhile).
    /// </summary>
    public async Task<StoredItem?> ReplaceAsync(long userId, DatastoreKind kind, string itemId, string? contentType, byte[] content, long? expectedVersion, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.GetAsync(userId, ct) ?? throw new InvalidOperationException($"no user {userId}");
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        if (datastore == null)
        {
            return null;
        }

        var (type, bytes, key) = Prepare(user, kind, contentType, content);
        var replaced = (await uow.Items.ReplaceAsync(datastore.Id, [new ItemReplacement(itemId, type, bytes, ItemOrigins.Web, key, expectedVersion)], ct))[0];
        await uow.CommitAsync(ct);
        return replaced;
    }

    /// <summary>Deletes an item; false when the user has no such live item.</summary>
    public Task<bool> DeleteAsync(long userId, DatastoreKind kind, string itemId, CancellationToken ct = default) =>
        DeleteAsync(userId, kind, itemId, null, ct);

    /// <summary>Deletes an item; false when the user has no such live item, or not at <paramref name="expectedVersion"/> when given.</summary>
    public async Task<bool> DeleteAsync(long userId, DatastoreKind kind, string itemId, long? expectedVersion, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        if (datastore == null)
        {
            return false;
        }

        var deleted = (await uow.Items.DeleteAsync(datastore.Id, [new ItemDeletion(itemId, ItemOrigins.Web, expectedVersion)], ct))[0];
        await uow.CommitAsync(ct);
        return deleted != null;
    }

    private (string Type, byte[] Bytes, byte[] Key) Prepare(UserAccount user, DatastoreKind kind, string? contentType, byte[] content)
    {
        var handler = handlers.For(kind, contentType);
        using var keys = new IdentityKeyHasher(user.IdentitySecret);
        if (handler is OpaqueContentHandler)
        {
            return (contentType ?? DatastoreCatalog.StoredType(kind), content, keys.Compute("sha256:" + Convert.ToHexString(SHA256.HashData(content))));
        }

        var norm = handler.Normalize(Encoding.UTF8.GetString(content), contentType);
        return (norm.ContentType, Encoding.UTF8.GetBytes(norm.Text), keys.Compute(norm.IdentityKey));
    }
}
