using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Sync.Media;

/// <summary>
/// The items of a user's binary datastores (mail, SMS, photos, files) for the web pages and the API: listings newest
/// first, one item's description, its content as a stream read chunk by chunk from the blob store, deletion (as a
/// web change that every device receives at its next sync). Only the user's own datastore is ever opened.
/// </summary>
public sealed class MediaLibrary(ICofferStore store, WebItems webItems)
{
    private const int ScanPage = 1000;

    /// <summary>The largest content <see cref="ReadAllAsync"/> hands out in memory (a mail or an SMS to parse).</summary>
    public const long MaxInMemory = 64L << 20;

    /// <summary>
    /// Every live item of the datastore, newest change first, read without content (names and sizes come from the
    /// item rows), optionally only those whose name starts with <paramref name="prefix"/>.
    /// </summary>
    public async Task<IReadOnlyList<MediaItem>> ListAllAsync(long userId, DatastoreKind kind, string? prefix = null, CancellationToken ct = default)
    {
        Check(kind);
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        var found = new List<(long Sequence, MediaItem Item)>();
        for (var after = 0L; datastore != null;)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, ScanPage, withContent: false, ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var item in page)
            {
                var media = Describe(kind, item);
                if (prefix == null || media.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    found.Add((item.Sequence, media));
                }
            }

            after = page[^1].Sequence;
        }

        return [.. found.OrderByDescending(f => f.Item.Modified).ThenByDescending(f => f.Sequence).Select(f => f.Item)];
    }

    /// <summary>Page <paramref name="page"/> (from 1) of the datastore's items, newest first.</summary>
    public async Task<MediaPage> ListAsync(long userId, DatastoreKind kind, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var all = await ListAllAsync(userId, kind, null, ct);
        var pages = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        return new MediaPage([.. all.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, all.Count);
    }

    /// <summary>The live item, or null when the user has none of that id in this datastore.</summary>
    public async Task<MediaItem?> GetAsync(long userId, DatastoreKind kind, string id, CancellationToken ct = default)
    {
        Check(kind);
        await using var uow = await store.BeginReadAsync(ct);
        var item = await LiveAsync(uow, userId, kind, id, withContent: false, ct);
        return item == null ? null : Describe(kind, item);
    }

    /// <summary>
    /// The item and its content as a seekable stream that holds one blob chunk at a time; the stream owns a read unit
    /// of work, so the caller disposes it. Null when the user has no such live item.
    /// </summary>
    public async Task<(MediaItem Item, Stream Content)?> OpenAsync(long userId, DatastoreKind kind, string id, CancellationToken ct = default)
    {
        Check(kind);
        var uow = await store.BeginReadAsync(ct);
        try
        {
            var item = await LiveAsync(uow, userId, kind, id, withContent: true, ct);
            if (item?.Content is not { } stored)
            {
                await uow.DisposeAsync();
                return null;
            }

            // A version written by the sync engine holds a manifest; one added whole through the API holds the bytes.
            var content = BlobManifest.IsManifest(stored)
                ? new BlobStore(uow).OpenRead(userId, BlobManifest.Parse(stored))
                : new MemoryStream(stored, writable: false);
            return (Describe(kind, item), new OwnedStream(content, uow));
        }
        catch
        {
            await uow.DisposeAsync();
            throw;
        }
    }

    /// <summary>The whole content in memory, for items to parse (a mail, an SMS); null when missing or larger than <see cref="MaxInMemory"/>.</summary>
    public async Task<(MediaItem Item, byte[] Content)?> ReadAllAsync(long userId, DatastoreKind kind, string id, CancellationToken ct = default)
    {
        if (await OpenAsync(userId, kind, id, ct) is not var (item, stream))
        {
            return null;
        }

        await using (stream)
        {
            if (item.Size > MaxInMemory)
            {
                return null;
            }

            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, ct);
            return (item, bytes);
        }
    }

    /// <summary>Deletes the item (origin "web"; devices delete it at their next sync); false when the user has no such live item.</summary>
    public Task<bool> DeleteAsync(long userId, DatastoreKind kind, string id, CancellationToken ct = default)
    {
        Check(kind);
        return webItems.DeleteAsync(userId, kind, id, ct);
    }

    private static async Task<StoredItem?> LiveAsync(IUnitOfWork uow, long userId, DatastoreKind kind, string id, bool withContent, CancellationToken ct)
    {
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        if (datastore == null)
        {
            return null;
        }

        var item = (await uow.Items.GetAsync(datastore.Id, [id], withContent, ct)).FirstOrDefault();
        return item is { Deleted: false } ? item : null;
    }

    private static MediaItem Describe(DatastoreKind kind, StoredItem item)
    {
        var name = MediaTypes.NameFrom(item.ContentType) is { Length: > 0 } n ? n : item.Id;
        return new MediaItem(item.Id, kind, name, MediaTypes.Of(item.ContentType, name), item.Size, item.Modified, item.Version);
    }

    private static void Check(DatastoreKind kind)
    {
        if (!BlobKinds.Holds(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a datastore of mail, SMS, photos or files");
        }
    }
}
