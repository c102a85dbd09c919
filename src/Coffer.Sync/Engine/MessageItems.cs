using Coffer.Storage;
using Coffer.Sync.Sessions;

namespace Coffer.Sync.Engine;

/// <summary>
/// Which stored item each client item names, within one message: LUID mappings (including items added earlier in
/// this message), twins found by identity key in a slow sync, and the Adds held back to be stored in one batch.
/// </summary>
internal sealed class MessageItems(MessageContext ctx) : IDisposable
{
    private readonly List<(NewItem Item, string? Luid)> pendingAdds = [];
    private readonly HashSet<string> matched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> added = new(StringComparer.Ordinal);
    private IdentityKeyHasher? identityKeys;

    public void Dispose() => identityKeys?.Dispose();

    /// <summary>The twin-detection key of a normalized identity string under this user's secret (Coffer.Storage.IdentityKey).</summary>
    public byte[] IdentityKeyOf(string normalizedKey) => (identityKeys ??= new IdentityKeyHasher(ctx.User.IdentitySecret)).Compute(normalizedKey);

    /// <summary>
    /// The server id the client's item names: its LUID's mapping (including items added earlier in this message), or,
    /// for a Replace outside a slow or refresh sync, its Target (OMA-TS-DS_Protocol-V1_2 §6.8: the server's id).
    /// </summary>
    public string? KnownGuid(DatastoreSession ds, ClientItem item)
    {
        if (item.Luid != null && (item.Mapped.TryGetValue(item.Luid, out var guid) || added.TryGetValue(item.Luid, out guid)))
        {
            return guid;
        }

        return item.Command is SyncML.ReplaceCommand && item.TargetUri != null && !ds.IsSlow && !ds.IsRefreshFromClient ? item.TargetUri : null;
    }

    /// <summary>Whether an Add of this LUID waits in the batch (the same LUID added twice in one message names one item).</summary>
    public bool IsPending(string luid) => pendingAdds.Exists(p => p.Luid == luid);

    /// <summary>Holds an Add back to be stored with the next ones of its Sync.</summary>
    public void QueueAdd(NewItem item, string? luid) => pendingAdds.Add((item, luid));

    /// <summary>A stored item the device now holds under <paramref name="luid"/>: mapped, and never a twin of another item.</summary>
    public async Task MatchedAsync(DatastoreSession ds, string? luid, string guid, CancellationToken ct)
    {
        if (luid != null)
        {
            await ctx.Uow.IdMaps.UpsertAsync(ctx.Device.Id, ds.DatastoreId, [new IdMapEntry(luid, guid)], ct);
        }

        matched.Add(guid);
    }

    /// <summary>Stores the held-back Adds and maps their LUIDs.</summary>
    public async Task FlushAsync(DatastoreSession ds, CancellationToken ct)
    {
        if (pendingAdds.Count == 0)
        {
            return;
        }

        var stored = await ctx.Uow.Items.AddAsync(ds.DatastoreId, pendingAdds.ConvertAll(p => p.Item), ct);
        var entries = new List<IdMapEntry>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            if (pendingAdds[i].Luid is { } luid)
            {
                entries.Add(new IdMapEntry(luid, stored[i].Id));
                added[luid] = stored[i].Id;
            }
        }

        if (entries.Count > 0)
        {
            await ctx.Uow.IdMaps.UpsertAsync(ctx.Device.Id, ds.DatastoreId, entries, ct);
        }

        pendingAdds.Clear();
    }

    /// <summary>A live item with the same identity key that this device has not been matched to yet (slow sync, §5.6).</summary>
    public async Task<StoredItem?> FindTwinAsync(DatastoreSession ds, byte[] key, CancellationToken ct)
    {
        var candidates = (await ctx.Uow.Items.FindByIdentityKeyAsync(ds.DatastoreId, key, true, ct))
            .Where(c => !matched.Contains(c.Id))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // The map was cleared when the slow sync began, so a mapped candidate was matched earlier in this session.
        var taken = await ctx.Uow.IdMaps.GetLuidsAsync(ctx.Device.Id, ds.DatastoreId, candidates.ConvertAll(c => c.Id), ct);
        return candidates.FirstOrDefault(c => !taken.ContainsKey(c.Id));
    }
}
