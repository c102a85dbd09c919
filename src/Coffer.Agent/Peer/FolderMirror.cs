using Coffer.Agent.Sources;
using Coffer.Formats;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;

namespace Coffer.Agent.Peer;

/// <summary>
/// Keeps a datastore's folder and the peer store's copy of it in step, file by file (docs/agent.md "Peer sync"). Before
/// a session <see cref="ImportAsync"/> turns the folder's new, edited and deleted files into adds, replaces and
/// deletes in the store, normalized and keyed as the server does for any edit outside a sync (<see cref="WebItems"/>),
/// so the engine finds a peer's identical contact as a slow-sync twin; after it <see cref="ExportAsync"/> writes what
/// the peer changed back to the folder. Files the peer did not change are never rewritten.
/// </summary>
public sealed class FolderMirror(PeerStore store, DatastoreInfo info, DatastoreKind kind, IItemFolder folder, string statePath)
{
    // The agent's own store: no quota stands between a user and their own files.
    private readonly WebItems items = new(store.Store, ContentHandlers.CreateDefault(), new QuotaOptions { MaxItems = long.MaxValue, MaxBytes = long.MaxValue });

    public async Task<MirrorCounts> ImportAsync(CancellationToken ct)
    {
        var state = MirrorState.Load(statePath);
        var byPath = state.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        int added = 0, replaced = 0, deleted = 0;
        foreach (var path in folder.List())
        {
            seen.Add(path);
            var body = folder.Read(path);
            var hash = body.Sha256();
            if (byPath.TryGetValue(path, out var known) && string.Equals(known.Sha256, hash, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var content = body.ReadAll();
                var replacedItem = known == null ? null : await items.ReplaceAsync(store.UserId, kind, known.ItemId, info.ContentType, content, ct).ConfigureAwait(false);
                if (known != null && replacedItem != null)
                {
                    (known.Sha256, known.Version) = (hash, replacedItem.Version);
                    replaced++;
                    continue;
                }

                var item = await items.AddAsync(store.UserId, kind, info.ContentType, content, ct).ConfigureAwait(false);
                if (known != null)
                {
                    state.Entries.Remove(known);
                }

                var entry = new MirrorEntry { Path = path, ItemId = item.Id, Sha256 = hash, Version = item.Version };
                state.Entries.Add(entry);
                byPath[path] = entry;
                added++;
            }
            catch (PimFormatException ex)
            {
                // Not an item the engine can hold: it stays in the folder, untouched, and is not offered to peers.
                unreadable.Add($"{path}: {ex.Message}");
            }
        }

        foreach (var gone in state.Entries.Where(e => !seen.Contains(e.Path)).ToList())
        {
            await items.DeleteAsync(store.UserId, kind, gone.ItemId, ct).ConfigureAwait(false);
            state.Entries.Remove(gone);
            deleted++;
        }

        state.Save(statePath);
        return new MirrorCounts(added, replaced, deleted, unreadable);
    }

    public async Task<MirrorCounts> ExportAsync(CancellationToken ct)
    {
        var state = MirrorState.Load(statePath);
        var byItem = state.Entries.ToDictionary(e => e.ItemId, StringComparer.Ordinal);
        var live = await items.ListAsync(store.UserId, kind, ct).ConfigureAwait(false);
        var liveIds = live.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        int added = 0, replaced = 0, deleted = 0;
        foreach (var item in live)
        {
            if (item.Content is not { } content)
            {
                continue;
            }

            if (!byItem.TryGetValue(item.Id, out var entry))
            {
                var path = folder.Create(item.Id, content);
                state.Entries.Add(new MirrorEntry { Path = path, ItemId = item.Id, Sha256 = folder.Read(path).Sha256(), Version = item.Version });
                added++;
            }
            else if (entry.Version != item.Version)
            {
                folder.Write(entry.Path, content);
                (entry.Sha256, entry.Version) = (folder.Read(entry.Path).Sha256(), item.Version);
                replaced++;
            }
        }

        foreach (var gone in state.Entries.Where(e => !liveIds.Contains(e.ItemId)).ToList())
        {
            folder.Delete(gone.Path);
            state.Entries.Remove(gone);
            deleted++;
        }

        state.Save(statePath);
        return new MirrorCounts(added, replaced, deleted, []);
    }
}
