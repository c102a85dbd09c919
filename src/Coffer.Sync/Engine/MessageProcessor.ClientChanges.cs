using System.Text;
using Coffer.Formats;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    private readonly List<PendingAdd> pendingAdds = [];
    private readonly HashSet<string> matchedThisMessage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> addedThisMessage = new(StringComparer.Ordinal);

    private async Task HandleSyncAsync(SyncCommand sync, CancellationToken ct)
    {
        var target = sync.Target?.LocURI?.Trim();
        var source = sync.Source?.LocURI?.Trim();
        var ds = state.FindByServerUri(target) ?? state.FindByClientUri(source);
        if (ds == null)
        {
            // A Sync for a datastore that was not initialized with an Alert in this session (§5.5).
            Respond(sync, StatusCode.NotFound, target, source);
            foreach (var nested in sync.Commands)
            {
                Respond(nested, StatusCode.NotFound);
            }

            logger.LogWarning("{Session}: Sync for datastore '{Target}' without a sync Alert", Describe(), target);
            return;
        }

        Respond(sync, StatusCode.Ok, target, source);
        var caps = await CapsAsync(ds, ct);
        foreach (var command in sync.Commands)
        {
            if (command is MalformedCommand bad)
            {
                RespondMalformed(bad);
                continue;
            }

            if (command is not (AddCommand or ReplaceCommand or DeleteCommand))
            {
                Respond(command, StatusCode.OptionalFeatureNotSupported);
                continue;
            }

            var items = ((ItemCommand)command).Items;
            if (items.Count == 0)
            {
                // Add/Replace/Delete require at least one Item (OMA-TS-SyncML_RepPro-V1_2 DTD: "Item+"): malformed, 400.
                // The statuses below are per item, so without this an empty command would get no Status at all.
                Respond(command, StatusCode.BadRequest);
                continue;
            }

            if (!ds.ClientSends)
            {
                // one-way-from-server / refresh-from-server: the client has no business sending changes (§5.6).
                foreach (var item in items)
                {
                    Respond(command, StatusCode.CommandNotAllowed, item.Target?.LocURI, item.Source?.LocURI);
                }

                continue;
            }

            var luids = items.Select(i => i.Source?.LocURI ?? i.Target?.LocURI).OfType<string>().ToList();
            var mapped = luids.Count == 0
                ? new Dictionary<string, string>()
                : await uow.IdMaps.GetGuidsAsync(device.Id, ds.DatastoreId, luids, ct);
            foreach (var item in items)
            {
                await ApplyItemAsync(ds, (ItemCommand)command, item, mapped, caps, ct);
            }
        }

        await FlushAddsAsync(ds, ct);
    }

    private async Task ApplyItemAsync(DatastoreSession ds, ItemCommand command, Item item, IReadOnlyDictionary<string, string> mapped, CTCap? caps, CancellationToken ct)
    {
        var luid = item.Source?.LocURI?.Trim();
        var targetUri = item.Target?.LocURI?.Trim();
        var op = command.ElementName;
        try
        {
            if (command is DeleteCommand)
            {
                await FlushAddsAsync(ds, ct);
                await ApplyDeleteAsync(ds, command, luid ?? targetUri, mapped, ct);
                return;
            }

            var payload = ItemPayload.Read(command, item);
            if (item.MoreData || state.Incoming != null)
            {
                payload = await ReceiveChunkAsync(ds, command, item, payload, ct);
                if (payload == null)
                {
                    return;
                }
            }
            else if (payload != null && payload.Length > options.MaxObjSize)
            {
                Respond(command, StatusCode.RequestEntityTooLarge, targetUri, luid);
                return;
            }

            if (payload == null)
            {
                Respond(command, StatusCode.BadRequest, targetUri, luid);
                logger.LogWarning("{Session}: {Op} of '{Luid}' without data", Describe(), op, luid);
                return;
            }

            if (luid != null && command is AddCommand && pendingAdds.Any(p => p.Luid == luid))
            {
                // The same LUID added twice in one message names one item: the second Add updates the first.
                await FlushAddsAsync(ds, ct);
            }

            var type = item.Meta?.Type ?? command.Meta?.Type;
            ds.SendType ??= type;
            var handler = handlers.For(ds.Kind, type);
            if (handler is OpaqueContentHandler)
            {
                await ApplyOpaqueAsync(ds, command, payload, type, luid, targetUri, mapped, ct);
                return;
            }

            var norm = handler.Normalize(Encoding.UTF8.GetString(payload), type);
            var key = IdentityKeyOf(norm.IdentityKey);
            var guid = KnownGuid(ds, command, luid, targetUri, mapped);

            var existing = guid == null ? null : (await uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
            if (existing != null)
            {
                await FlushAddsAsync(ds, ct);
                await ApplyReplaceAsync(ds, command, existing, luid, norm, key, handler, caps, ct);
                return;
            }

            if (ds.IsSlow || ds.IsRefreshFromClient)
            {
                var twin = await FindTwinAsync(ds, key, ct);
                if (twin != null)
                {
                    await MergeTwinAsync(ds, command, twin, luid, norm, key, handler, caps, ct);
                    return;
                }
            }

            var status = Respond(command, StatusCode.ItemAdded, targetUri, luid);
            pendingAdds.Add(new PendingAdd(new NewItem(norm.ContentType, Encoding.UTF8.GetBytes(norm.Text), Origin, key), luid));
            ds.ClientAdds++;
        }
        catch (PimFormatException ex)
        {
            // A bad item is reported on its own; the rest of the message is applied (§6.8 statuses per item).
            Respond(command, StatusCode.UnsupportedMediaType, targetUri, luid);
            ds.ClientRejects++;
            logger.LogWarning("{Session}: {Op} of '{Luid}' in {Store} rejected: {Reason}", Describe(), op, luid, ds.ServerUri, ex.Message);
        }
    }

    /// <summary>
    /// The server id the client's item names: its LUID's mapping (including items added earlier in this message), or,
    /// for a Replace outside a slow or refresh sync, its Target (OMA-TS-DS_Protocol-V1_2 §6.8: the server's id).
    /// </summary>
    private string? KnownGuid(DatastoreSession ds, ItemCommand command, string? luid, string? targetUri, IReadOnlyDictionary<string, string> mapped)
    {
        if (luid != null && (mapped.TryGetValue(luid, out var guid) || addedThisMessage.TryGetValue(luid, out guid)))
        {
            return guid;
        }

        return command is ReplaceCommand && targetUri != null && !ds.IsSlow && !ds.IsRefreshFromClient ? targetUri : null;
    }

    private async Task ApplyReplaceAsync(
        DatastoreSession ds,
        ItemCommand command,
        StoredItem existing,
        string? luid,
        NormalizedContent norm,
        byte[] key,
        IContentHandler handler,
        CTCap? caps,
        CancellationToken ct)
    {
        var serverText = existing.Deleted || existing.Content == null ? null : Encoding.UTF8.GetString(existing.Content);
        MergeResult result;
        if (serverText == null)
        {
            // Changed on the device, deleted on the server: the device's change revives the item (the delete stays in history).
            result = new MergeResult(norm.Text, MergeOutcome.DeviceWon, false);
        }
        else
        {
            var serverChanged = existing.Sequence > ds.StartCursor && existing.Origin != Origin;
            var baseText = serverChanged ? await BaseTextAsync(ds, existing, ct) : serverText;
            result = Merge(handler, baseText, serverText, norm.Text, caps);
        }

        if (result.Text != serverText)
        {
            // The result goes back to the device through changes-since when it differs from the device's view.
            var origin = result.DeviceNeedsUpdate && !ds.IsSlow ? "merge" : Origin;
            await uow.Items.ReplaceAsync(ds.DatastoreId, [new ItemReplacement(existing.Id, norm.ContentType, Encoding.UTF8.GetBytes(result.Text), origin, KeyOf(result, norm, key, handler))], ct);
        }

        if (result.DeviceNeedsUpdate && ds.IsSlow)
        {
            ds.PendingUpdates.Add(existing.Id);
        }

        if (luid != null)
        {
            await uow.IdMaps.UpsertAsync(device.Id, ds.DatastoreId, [new IdMapEntry(luid, existing.Id)], ct);
        }

        matchedThisMessage.Add(existing.Id);
        ds.ClientReplaces++;
        var code = command is AddCommand ? StatusCode.ItemAdded : result.Outcome switch
        {
            MergeOutcome.Merged => StatusCode.ConflictResolvedWithMerge,
            MergeOutcome.DeviceWon when serverText != null && existing.Sequence > ds.StartCursor => StatusCode.ConflictResolvedWithClientWinning,
            MergeOutcome.ServerWon => StatusCode.ConflictResolvedWithServerData,
            _ => StatusCode.Ok,
        };
        if (result.Outcome != MergeOutcome.Applied)
        {
            logger.LogInformation("{Session}: conflict on {Item} in {Store}: {Outcome}", Describe(), existing.Id, ds.ServerUri, result.Outcome);
        }

        Respond(command, code, null, luid);
    }

    private async Task MergeTwinAsync(
        DatastoreSession ds,
        ItemCommand command,
        StoredItem twin,
        string? luid,
        NormalizedContent norm,
        byte[] key,
        IContentHandler handler,
        CTCap? caps,
        CancellationToken ct)
    {
        var serverText = Encoding.UTF8.GetString(twin.Content ?? []);
        var result = ds.IsRefreshFromClient
            ? new MergeResult(norm.Text, MergeOutcome.DeviceWon, false)
            : Merge(handler, null, serverText, norm.Text, caps);
        if (result.Text != serverText)
        {
            await uow.Items.ReplaceAsync(ds.DatastoreId, [new ItemReplacement(twin.Id, norm.ContentType, Encoding.UTF8.GetBytes(result.Text), Origin, KeyOf(result, norm, key, handler))], ct);
        }

        if (result.DeviceNeedsUpdate)
        {
            ds.PendingUpdates.Add(twin.Id);
        }

        if (luid != null)
        {
            await uow.IdMaps.UpsertAsync(device.Id, ds.DatastoreId, [new IdMapEntry(luid, twin.Id)], ct);
        }

        matchedThisMessage.Add(twin.Id);
        ds.ClientReplaces++;
        Respond(command, StatusCode.ItemAdded, null, luid);
    }

    /// <summary>
    /// The handler's field-level merge, except when the device sent exactly the stored copy (the usual twin of a slow
    /// sync, an unchanged Replace): nothing to merge, nothing to send back.
    /// </summary>
    private MergeResult Merge(IContentHandler handler, string? baseText, string serverText, string deviceText, CTCap? caps) =>
        string.Equals(serverText, deviceText, StringComparison.Ordinal)
            ? new MergeResult(serverText, MergeOutcome.Applied, false)
            : handler.Merge(baseText, serverText, deviceText, caps, options.ConflictPolicy);

    private async Task ApplyDeleteAsync(DatastoreSession ds, ItemCommand command, string? luid, IReadOnlyDictionary<string, string> mapped, CancellationToken ct)
    {
        if (luid == null || !mapped.TryGetValue(luid, out var guid))
        {
            // Nothing to delete: "Item not deleted" — the item was not found (OMA-TS-SyncML_RepPro-V1_2 §10, 211).
            Respond(command, StatusCode.ItemNotDeleted, null, luid);
            return;
        }

        var existing = (await uow.Items.GetAsync(ds.DatastoreId, [guid], false, ct)).FirstOrDefault();
        await uow.IdMaps.DeleteByLuidAsync(device.Id, ds.DatastoreId, [luid], ct);
        if (existing == null || existing.Deleted)
        {
            Respond(command, StatusCode.Ok, null, luid);
            return;
        }

        var serverChanged = existing.Sequence > ds.StartCursor && existing.Origin != Origin;
        if (serverChanged && options.ConflictPolicy == ConflictPolicy.ServerWins)
        {
            // The server's newer version wins: the device gets it back as a new item.
            ds.PendingUpdates.Add(existing.Id);
            Respond(command, StatusCode.ConflictResolvedWithServerData, null, luid);
            return;
        }

        await uow.Items.DeleteAsync(ds.DatastoreId, [new ItemDeletion(existing.Id, Origin)], ct);
        ds.ClientDeletes++;
        Respond(command, serverChanged ? StatusCode.ConflictResolvedWithClientWinning : StatusCode.Ok, null, luid);
    }

    private async Task FlushAddsAsync(DatastoreSession ds, CancellationToken ct)
    {
        if (pendingAdds.Count == 0)
        {
            return;
        }

        var stored = await uow.Items.AddAsync(ds.DatastoreId, pendingAdds.Select(p => p.Item).ToList(), ct);
        var entries = new List<IdMapEntry>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            if (pendingAdds[i].Luid is { } luid)
            {
                entries.Add(new IdMapEntry(luid, stored[i].Id));
                addedThisMessage[luid] = stored[i].Id;
            }
        }

        if (entries.Count > 0)
        {
            await uow.IdMaps.UpsertAsync(device.Id, ds.DatastoreId, entries, ct);
        }

        pendingAdds.Clear();
    }

    /// <summary>
    /// The identity key of what is stored: a merge keeps fields the device does not hold (and may not have sent), so
    /// the key is taken from the merged result, not from the device's copy.
    /// </summary>
    private byte[] KeyOf(MergeResult result, NormalizedContent deviceCopy, byte[] deviceKey, IContentHandler handler) =>
        result.Text == deviceCopy.Text
            ? deviceKey
            : IdentityKeyOf(handler.Normalize(result.Text, deviceCopy.ContentType).IdentityKey);

    /// <summary>A live item with the same identity key that this device has not been matched to yet (slow sync, §5.6).</summary>
    private async Task<StoredItem?> FindTwinAsync(DatastoreSession ds, byte[] key, CancellationToken ct)
    {
        var candidates = (await uow.Items.FindByIdentityKeyAsync(ds.DatastoreId, key, true, ct))
            .Where(c => !matchedThisMessage.Contains(c.Id))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // The map was cleared when the slow sync began, so a mapped candidate was matched earlier in this session.
        var taken = await uow.IdMaps.GetLuidsAsync(device.Id, ds.DatastoreId, candidates.Select(c => c.Id).ToList(), ct);
        return candidates.FirstOrDefault(c => !taken.ContainsKey(c.Id));
    }

    /// <summary>
    /// The version the device last had: the newest one it had been sent (sequence within its cursor) or sent itself.
    /// Three-way merging against it tells which side changed which field.
    /// </summary>
    private async Task<string?> BaseTextAsync(DatastoreSession ds, StoredItem item, CancellationToken ct)
    {
        var versions = await uow.Items.GetVersionsAsync(ds.DatastoreId, item.Id, ct);
        var known = versions.LastOrDefault(v => v.Sequence <= ds.StartCursor || v.Origin == Origin);
        return known?.Content == null || known.Deleted ? null : Encoding.UTF8.GetString(known.Content);
    }

    /// <summary>
    /// Large object handling (OMA-TS-DS_Protocol-V1_2 §6.10): each chunk goes to the store as it arrives and is
    /// acknowledged with 213; the last one completes the item. The announced Size and MaxObjSize hold at every chunk:
    /// an object that outgrows either is refused there (424 Size mismatch, 413) and what came of it is dropped.
    /// </summary>
    private async Task<byte[]?> ReceiveChunkAsync(DatastoreSession ds, ItemCommand command, Item item, byte[]? data, CancellationToken ct)
    {
        var luid = item.Source?.LocURI?.Trim();
        var target = item.Target?.LocURI?.Trim();
        if (state.Incoming == null)
        {
            var declared = item.Meta?.Size ?? command.Meta?.Size;
            if (declared == null)
            {
                Respond(command, StatusCode.SizeRequired, target, luid);
                return null;
            }

            if (declared > options.MaxObjSize)
            {
                Respond(command, StatusCode.RequestEntityTooLarge, target, luid);
                return null;
            }

            state.Incoming = new IncomingChunk { ClientUri = ds.ClientUri, Op = command.ElementName, SourceUri = luid, TargetUri = target, DeclaredSize = declared };
        }

        var incoming = state.Incoming;
        var bytes = data ?? [];
        await uow.Sessions.AppendChunkAsync(token!, bytes, ct);
        var received = incoming.ReceivedBytes += bytes.Length;

        // XML reading turns CRLF into LF (XML 1.0 §2.11), so an honest object arrives at or under its Size, never over.
        var limit = Math.Min(incoming.DeclaredSize ?? options.MaxObjSize, options.MaxObjSize);
        if (received > limit)
        {
            state.Incoming = null;
            await uow.Sessions.DeleteChunksAsync(token!, ct);
            var code = received > options.MaxObjSize ? StatusCode.RequestEntityTooLarge : StatusCode.SizeMismatch;
            Respond(command, code, target, luid);
            logger.LogWarning("{Session}: large object '{Luid}' announced {Declared} bytes and sent {Received} so far; refused", Describe(), luid, incoming.DeclaredSize, received);
            return null;
        }

        if (item.MoreData)
        {
            Respond(command, StatusCode.ChunkedItemAccepted, target, luid);
            return null;
        }

        state.Incoming = null;
        var complete = await uow.Sessions.TakeChunksAsync(token!, ct);

        // A sender counts the bytes it had, with CRLF: accept either count.
        var size = complete.Length;
        var crlfSize = size + complete.Count(c => c == '\n') - complete.Count(c => c == '\r');
        if (incoming.DeclaredSize != size && incoming.DeclaredSize != crlfSize)
        {
            Respond(command, StatusCode.SizeMismatch, target, luid);
            logger.LogWarning("{Session}: large object '{Luid}' announced {Declared} bytes, received {Size}", Describe(), luid, incoming.DeclaredSize, size);
            return null;
        }

        return complete;
    }

    private async Task<CTCap?> CapsAsync(DatastoreSession ds, CancellationToken ct)
    {
        var info = await GetDeviceInfoAsync(ct);
        var store = info?.FindDataStore(ds.ClientUri);
        if (info == null || store == null)
        {
            return null;
        }

        var type = store.RxPref?.CTType ?? ds.SendType;
        return type == null ? null : info.FindCTCap(store, type, store.RxPref?.VerCT);
    }

    private sealed record PendingAdd(NewItem Item, string? Luid);
}
