using Coffer.Storage;

namespace Coffer.Sync.Recovery;

/// <summary>
/// Brings a datastore to a wanted state with ordinary writes: each wanted item gets the wanted version's content back
/// as a new version, every other live item is deleted. New versions take new sequences, so devices receive them as
/// changes; nothing of the history is rewritten.
/// </summary>
internal sealed class ItemStateWriter(IUnitOfWork uow, Datastore datastore, ItemIdentity identity, string origin)
{
    private const int Batch = 200;

    /// <param name="wanted">item id → the version that must be live (its content becomes the item's newest version)</param>
    public async Task<RestoreResult> ApplyAsync(IReadOnlyDictionary<string, long> wanted, CancellationToken ct)
    {
        var restored = 0;
        foreach (var chunk in wanted.Chunk(Batch))
        {
            var current = (await uow.Items.GetAsync(datastore.Id, chunk.Select(e => e.Key).ToList(), false, ct)).ToDictionary(i => i.Id, StringComparer.Ordinal);
            var writes = new List<ItemReplacement>();
            foreach (var (id, version) in chunk)
            {
                if (current.TryGetValue(id, out var item) && !item.Deleted && item.Version == version)
                {
                    continue;
                }

                if (await uow.Items.GetVersionAsync(datastore.Id, id, version, ct) is { Deleted: false, Content: { } content } old)
                {
                    writes.Add(new ItemReplacement(id, old.ContentType, content, origin, identity.KeyOf(datastore.Kind, old.ContentType, content), Size: old.Size));
                }
            }

            if (writes.Count > 0)
            {
                restored += (await uow.Items.ReplaceAsync(datastore.Id, writes, ct)).Count(r => r != null);
            }
        }

        var unwanted = new List<ItemDeletion>();
        var after = 0L;
        while (true)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 500, false, ct);
            if (page.Count == 0)
            {
                break;
            }

            unwanted.AddRange(page.Where(i => !wanted.ContainsKey(i.Id)).Select(i => new ItemDeletion(i.Id, origin)));
            after = page[^1].Sequence;
        }

        var deleted = 0;
        foreach (var chunk in unwanted.Chunk(Batch))
        {
            deleted += (await uow.Items.DeleteAsync(datastore.Id, chunk, ct)).Count(r => r != null);
        }

        return new RestoreResult(restored, deleted);
    }
}
