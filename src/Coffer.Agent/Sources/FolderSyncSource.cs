namespace Coffer.Agent.Sources;

/// <summary>
/// A datastore kept in an <see cref="IItemFolder"/>: local changes are found by comparing each file's SHA-256 with the
/// one the server holds (<see cref="LocalState"/>), so the agent needs no change log from the programs that edit the
/// files. A new file gets a new LUID; a file whose hash differs is a Replace; a remembered file that is gone is a
/// Delete. Changes from the server are written to the folder and remembered at once.
/// </summary>
public sealed class FolderSyncSource(DatastoreInfo datastore, IItemFolder folder, LocalState state) : IFolderSource
{
    private readonly Dictionary<string, LocalItem> byLuid = state.Items.ToDictionary(i => i.Luid, StringComparer.Ordinal);
    private readonly Dictionary<string, string> pendingPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> pendingHashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemBody> pendingBodies = new(StringComparer.Ordinal);
    private readonly HashSet<string> reopened = new(StringComparer.Ordinal);

    public DatastoreInfo Datastore => datastore;

    public string? LastAnchor => state.LastAnchor;

    public LocalState State => state;

    /// <summary>What the last <see cref="CollectChanges"/> found: new, changed, unchanged and deleted files.</summary>
    public ScanCounts Scan { get; private set; } = new(0, 0, 0, 0);

    public IReadOnlyList<LocalChange> CollectChanges(bool all)
    {
        var byPath = state.Items.ToDictionary(i => i.Path, StringComparer.Ordinal);
        var changes = new List<LocalChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, changed = 0, unchanged = 0;
        foreach (var path in folder.List())
        {
            seen.Add(path);
            if (reopened.Contains(path))
            {
                continue;
            }

            var content = folder.Read(path);
            var isKnown = byPath.TryGetValue(path, out var known);

            // A file whose length and time have not moved since it was hashed is not read again (a photo library).
            var hash = isKnown && known!.Modified != null && known.Modified == content.Modified && known.Length == content.Length ? known.Sha256 : content.Sha256();
            var type = datastore.Named ? ItemNames.TypeWithName(datastore.ContentType, path) : null;
            if (!isKnown)
            {
                var luid = state.NewLuid();
                pendingPaths[luid] = path;
                pendingHashes[luid] = hash;
                pendingBodies[luid] = content;
                changes.Add(new LocalChange(ChangeKind.Add, luid, content, type, path, hash));
                added++;
            }
            else if (all || !string.Equals(known!.Sha256, hash, StringComparison.Ordinal))
            {
                pendingHashes[known!.Luid] = hash;
                pendingBodies[known.Luid] = content;
                changes.Add(new LocalChange(all ? ChangeKind.Add : ChangeKind.Replace, known.Luid, content, type, path, hash));
                if (string.Equals(known.Sha256, hash, StringComparison.Ordinal))
                {
                    unchanged++;
                }
                else
                {
                    changed++;
                }
            }
            else
            {
                unchanged++;
            }
        }

        // A slow sync sends what exists; an item deleted here stays on the server and comes back (§5.8).
        var deleted = state.Items.Where(i => !seen.Contains(i.Path)).Select(i => new LocalChange(ChangeKind.Delete, i.Luid, null)).ToList();
        if (!all)
        {
            changes.AddRange(deleted);
        }

        Scan = new ScanCounts(added, changed, unchanged, deleted.Count);
        return changes;
    }

    /// <summary>
    /// The change of the large object an interrupted session was sending, when its file is still as it was then
    /// (<paramref name="length"/>, <paramref name="modified"/>); null otherwise. The file is left out of
    /// <see cref="CollectChanges"/>, so it is not sent twice.
    /// </summary>
    public LocalChange? Reopen(string luid, ChangeKind kind, string path, string? contentType, string sha256, long length, DateTime? modified)
    {
        ItemBody body;
        try
        {
            body = folder.Read(path);
        }
        catch (IOException)
        {
            return null;
        }

        if (body.Length != length || body.Modified != modified)
        {
            return null;
        }

        reopened.Add(path);
        if (!byLuid.ContainsKey(luid))
        {
            pendingPaths[luid] = path;
        }

        pendingHashes[luid] = sha256;
        pendingBodies[luid] = body;
        if (long.TryParse(luid, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > state.NextLuid)
        {
            state.NextLuid = n;
        }

        return new LocalChange(kind, luid, body, contentType, path, sha256);
    }

    public void Acknowledged(LocalChange change)
    {
        if (change.Kind == ChangeKind.Delete)
        {
            Forget(change.Luid);
            return;
        }

        var body = pendingBodies.GetValueOrDefault(change.Luid);
        if (byLuid.TryGetValue(change.Luid, out var item))
        {
            item.Sha256 = pendingHashes.GetValueOrDefault(change.Luid, item.Sha256);
            (item.Length, item.Modified) = (body?.Length, body?.Modified);
        }
        else if (pendingPaths.TryGetValue(change.Luid, out var path))
        {
            Remember(new LocalItem { Luid = change.Luid, Path = path, Sha256 = pendingHashes[change.Luid], Length = body?.Length, Modified = body?.Modified });
        }
    }

    public string AddFromServer(string guid, ItemBody content, string? name)
    {
        // The same server item again (a session that broke before our Map reached the server): it replaces our copy.
        var existing = state.Items.FirstOrDefault(i => string.Equals(i.Guid, guid, StringComparison.Ordinal));
        if (existing != null && ReplaceFromServer(existing.Luid, content))
        {
            return existing.Luid;
        }

        var luid = state.NewLuid();
        var hash = content.Sha256();
        var path = folder.Create(datastore.Named && name != null ? name : luid, content);
        var written = folder.Read(path);
        Remember(new LocalItem { Luid = luid, Path = path, Sha256 = hash, Guid = guid, Length = written.Length, Modified = written.Modified });
        return luid;
    }

    public bool ReplaceFromServer(string luid, ItemBody content)
    {
        if (!byLuid.TryGetValue(luid, out var item))
        {
            return false;
        }

        item.Sha256 = content.Sha256();
        folder.Write(item.Path, content);
        var written = folder.Read(item.Path);
        (item.Length, item.Modified) = (written.Length, written.Modified);
        return true;
    }

    public bool DeleteFromServer(string luid)
    {
        if (!byLuid.TryGetValue(luid, out var item))
        {
            return false;
        }

        folder.Delete(item.Path);
        Forget(luid);
        return true;
    }

    public void Completed(string nextAnchor, bool slow)
    {
        if (slow)
        {
            // After a slow sync the server maps only what was sent: a remembered file that is gone means nothing now.
            var present = folder.List().ToHashSet(StringComparer.Ordinal);
            foreach (var gone in state.Items.Where(i => !present.Contains(i.Path)).Select(i => i.Luid).ToList())
            {
                Forget(gone);
            }
        }

        state.LastAnchor = nextAnchor;
    }

    private void Remember(LocalItem item)
    {
        state.Items.Add(item);
        byLuid[item.Luid] = item;
    }

    private void Forget(string luid)
    {
        if (byLuid.Remove(luid, out var item))
        {
            state.Items.Remove(item);
        }
    }
}
