using Coffer.Storage;

namespace Coffer.Sync.Media;

/// <summary>Thumbnails of a user's images: from the cache, else made from the item's content and cached.</summary>
public sealed class Thumbnails(MediaLibrary library, ThumbnailMaker maker, ThumbnailCache cache)
{
    /// <summary>The item and its JPEG thumbnail; Thumbnail is null when the item is no image Coffer can render. Null when there is no such live item.</summary>
    public async Task<(MediaItem Item, byte[]? Thumbnail)?> GetAsync(long userId, DatastoreKind kind, string id, ThumbnailSize size, CancellationToken ct = default)
    {
        var item = await library.GetAsync(userId, kind, id, ct);
        if (item == null)
        {
            return null;
        }

        if (!item.IsImage)
        {
            return (item, null);
        }

        var key = $"{userId}/{(int)kind}/{item.Id}/{item.Version}/{(int)size}";
        if (cache.Get(key) is { } cached)
        {
            return (item, cached);
        }

        if (await library.OpenAsync(userId, kind, id, ct) is not var (opened, content))
        {
            return null;
        }

        await using (content)
        {
            var made = await maker.MakeAsync(content, opened.Size, size, ct);
            if (made != null)
            {
                cache.Put($"{userId}/{(int)kind}/{opened.Id}/{opened.Version}/{(int)size}", made);
            }

            return (opened, made);
        }
    }
}
