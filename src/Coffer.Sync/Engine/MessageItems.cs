using Coffer.Storage;
using Coffer.Sync.Quotas;
using Coffer.Sync.Sessions;

namespace Coffer.Sync.Engine;

/// <summary>
/// Which stored item each client item names, within one message: LUID mappings (including items added earlier in
/// this message), twins found by identity key in a slow sync, the Adds held back to be stored in one batch, and the
/// room the user's quota leaves for them.
/// </summary>
internal sealed class MessageItems(MessageContext ctx, QuotaOptions quota) : IDisposable
{
    private readonly List<(NewItem Item, string? Luid)> pendingAdds = [];
    private readonly HashSet<string> matched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> added = new(StringComparer.Ordinal);
    private IdentityKeyHasher? identityKeys;
    private QuotaCheck? room;
    private SyncLookups? lookups;

    public void Dispose() => identityKeys?.Dispose();

    /// <summary>The twin-detection key of a normalized identity string under this user's secret (Coffer.Storage.IdentityKey).</summary>
    public byte[] IdentityKeyOf(string normalizedKey) => (identityKeys ??= new IdentityKeyHasher(ctx.User.IdentitySecret)).Compute(normalizedKey);

    /// <summary>
    /// Reads ahead what the items of a Sync name (<see cref="SyncLookups"/>): the mappings of <paramref name="luids"/> and
    /// the twin candidates of <paramref name="twinKeys"/>. Returns the LUID mappings, kept current until <see cref="EndSync"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> BeginSyncAsync(DatastoreSession ds, IReadOnlyCollection<string> luids, IReadOnlyCollection<byte[]> twinKeys, CancellationToken ct)
    {
        lookups = await SyncLookups.LoadAsync(ctx.Uow, ctx.Device.Id, ds.DatastoreId, luids, twinKeys, ct);
        return lookups.Luids;
    }

    /// <summary>The Sync's items are applied (and flushed): later lookups go to the store.</summary>
    public void EndSync() => lookups = null;

    /// <summary>The device's mapping of <paramref name="luid"/> to <paramref name="guid"/> was deleted, and with it, when <paramref name="deleted"/>, the item.</summary>
    public void Unmapped(string luid, string guid, bool deleted)
    {
        lookups?.Unmapped(luid);
        if (deleted)
        {
            lookups?.Deleted(guid);
        }
    }

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
            lookups?.Mapped(luid, guid);
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
            else
            {
                lookups?.Added(stored[i]);
            }
        }

        if (entries.Count > 0)
        {
            await ctx.Uow.IdMaps.UpsertAsync(ctx.Device.Id, ds.DatastoreId, entries, ct);
            foreach (var (luid, guid) in entries)
            {
                lookups?.Mapped(luid, guid);
            }
        }

        pendingAdds.Clear();
    }

    /// <summary>
    /// Takes room in the user's quota for a new item of <paramref name="size"/> bytes; false when it is full. Usage is read
    /// once per message, and the Adds and Deletes of the message are counted as they go.
    /// </summary>
    public async Task<bool> TryReserveAsync(long size, CancellationToken ct)
    {
        room ??= await QuotaCheck.LoadAsync(ctx.Uow, ctx.User.Id, quota, ct);
        return room.TryTake(size);
    }

    /// <summary>A live item of <paramref name="size"/> bytes was deleted: room for another.</summary>
    public void Released(long size) => room?.Release(size);

    /// <summary>
    /// In the slow sync after a recovery, an item the device holds that the recovered data does not (seed 000 §5.3: the
    /// recovered data is reflected on the device): stored and deleted at once, so it stays restorable from the history,
    /// and deleted on the device (the tombstone goes out as a Delete of its LUID).
    /// </summary>
    public async Task RetireAsync(DatastoreSession ds, string? luid, NewItem item, CancellationToken ct)
    {
        await FlushAsync(ds, ct);
        var stored = (await ctx.Uow.Items.AddAsync(ds.DatastoreId, [item], ct))[0];
        await ctx.Uow.Items.DeleteAsync(ds.DatastoreId, [new ItemDeletion(stored.Id, ItemOrigins.Recovery)], ct);
        lookups?.Deleted(stored.Id);
        await MatchedAsync(ds, luid, stored.Id, ct);
        if (luid != null)
        {
            ds.PendingUpdates.Add(stored.Id);
        }

        ds.Retired++;
    }

    /// <summary>
    /// In the slow sync after a recovery, the device holds <paramref name="stored"/> (by LUID or as its twin): the
    /// recovered copy wins and goes back to the device when the device's copy differs.
    /// </summary>
    public async Task KeepRecoveredAsync(DatastoreSession ds, string? luid, StoredItem stored, bool deviceCopyDiffers, CancellationToken ct)
    {
        await MatchedAsync(ds, luid, stored.Id, ct);
        if (deviceCopyDiffers || stored.Deleted)
        {
            ds.PendingUpdates.Add(stored.Id);
        }

        ds.ClientReplaces++;
    }

    /// <summary>A live item with the same identity key that this device has not been matched to yet (slow sync, §5.6).</summary>
    public async Task<StoredItem?> FindTwinAsync(DatastoreSession ds, byte[] key, CancellationToken ct)
    {
        if (lookups != null && lookups.TryFindTwin(key, matched, out var twin))
        {
            return twin;
        }

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
