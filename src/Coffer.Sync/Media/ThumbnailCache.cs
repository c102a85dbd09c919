namespace Coffer.Sync.Media;

/// <summary>
/// Finished thumbnails in memory, least recently used dropped first, bounded in bytes. Keyed by user, datastore, item,
/// version and size: a changed item has a new version and so a new key, and one user's key never names another's
/// item. Nothing is written to disk, so no picture of a user lies about unencrypted.
/// </summary>
public sealed class ThumbnailCache(ThumbnailOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, byte[] Data)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, byte[] Data)> order = new();
    private long bytes;

    public byte[]? Get(string key)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(key, out var node))
            {
                return null;
            }

            order.Remove(node);
            order.AddFirst(node);
            return node.Value.Data;
        }
    }

    public void Put(string key, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > options.CacheBytes)
        {
            return;
        }

        lock (gate)
        {
            if (entries.Remove(key, out var old))
            {
                order.Remove(old);
                bytes -= old.Value.Data.Length;
            }

            entries[key] = order.AddFirst((key, data));
            bytes += data.Length;
            while (bytes > options.CacheBytes && order.Last is { } last)
            {
                order.RemoveLast();
                entries.Remove(last.Value.Key);
                bytes -= last.Value.Data.Length;
            }
        }
    }
}
