using System.Globalization;
using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Datastores;
using Coffer.Sync.Metrics;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    // Room kept free in every message for the closing elements and status growth.
    private const long SafetyMargin = 600;

    /// <summary>After the client's package 3: a refresh from the client removes what the client no longer has.</summary>
    private async Task FinishClientChangesAsync(CancellationToken ct)
    {
        foreach (var ds in state.Datastores.Where(d => d.IsRefreshFromClient))
        {
            // Refresh from client (§5.6 sync type 203): the server ends up with exactly the client's items. Items the
            // client did not send are deleted (tombstones: they stay recoverable in history).
            var after = 0L;
            while (true)
            {
                var page = await uow.Items.ListLiveAsync(ds.DatastoreId, after, options.PageSize, false, ct);
                if (page.Count == 0)
                {
                    break;
                }

                var mapped = await uow.IdMaps.GetLuidsAsync(device.Id, ds.DatastoreId, page.Select(p => p.Id).ToList(), ct);
                var gone = page.Where(p => !mapped.ContainsKey(p.Id)).Select(p => new ItemDeletion(p.Id, Origin)).ToList();
                if (gone.Count > 0)
                {
                    await uow.Items.DeleteAsync(ds.DatastoreId, gone, ct);
                }

                after = page[^1].Sequence;
            }
        }
    }

    /// <summary>
    /// Package 4: the server's modifications, as many as fit in this message; the rest follow in later messages
    /// (§6.4, the client asks with Alert 222). Final marks the last message of the package.
    /// </summary>
    private async Task FillServerPackageAsync(CancellationToken ct)
    {
        if (!state.ServerPackageStarted)
        {
            state.ServerPackageStarted = true;
            var current = await uow.Items.GetCurrentSequenceAsync(user.Id, ct);
            foreach (var ds in state.Datastores)
            {
                ds.SnapshotSequence = current;
                ds.LastSentSequence = ds.Mode is AlertCode.TwoWay or AlertCode.OneWayFromServer ? ds.StartCursor : 0;
                ds.SendDone = !ds.ServerSends;
                await ChooseSendTypeAsync(ds, ct);
            }
        }

        var full = false;
        if (state.Outgoing != null)
        {
            full = !await ContinueChunkAsync(ct);
        }

        foreach (var ds in state.Datastores)
        {
            if (full)
            {
                break;
            }

            var sync = new SyncCommand
            {
                Target = new SyncLocation(ds.ClientUri),
                Source = new SyncLocation(ds.ServerUri),
            };
            if (!ds.SendDone)
            {
                full = !await FillDatastoreAsync(ds, sync, ct);
            }

            if (sync.Commands.Count > 0 || !ds.SyncCommandSent)
            {
                if (!ds.SyncCommandSent && ds.ServerSends)
                {
                    sync.NumberOfChanges = await CountToSendAsync(ds, ct);
                }
                else if (!ds.SyncCommandSent)
                {
                    sync.NumberOfChanges = 0;
                }

                ds.SyncCommandSent = true;
                reply.Add(sync, 200);
            }
        }

        if (!full && state.Outgoing == null && state.Datastores.All(d => d.SendDone))
        {
            state.ServerPackageDone = true;
            reply.Message.Body.Final = true;
        }
    }

    /// <summary>Adds this datastore's pending changes to <paramref name="sync"/>; false when the message is full.</summary>
    private async Task<bool> FillDatastoreAsync(DatastoreSession ds, SyncCommand sync, CancellationToken ct)
    {
        var handler = handlers.For(ds.Kind, ds.SendType);
        var caps = await CapsAsync(ds, ct);
        var listsAll = ds.Mode is AlertCode.SlowSync or AlertCode.RefreshFromServer;
        while (!ds.SendDone)
        {
            var remaining = ds.SnapshotSequence - ds.LastSentSequence;
            if (remaining > 0)
            {
                // A slow sync lists every live item but sends only those the device did not just match (usually
                // none): list them without content and load the content of the few it needs.
                var slow = ds.Mode == AlertCode.SlowSync;
                var page = listsAll
                    ? await uow.Items.ListLiveAsync(ds.DatastoreId, ds.LastSentSequence, options.PageSize, !slow, ct)
                    : await uow.Items.GetChangesSinceAsync(ds.DatastoreId, ds.LastSentSequence, options.PageSize, Origin, true, ct);
                page = page.Where(p => p.Sequence <= ds.SnapshotSequence).ToList();
                if (page.Count > 0)
                {
                    var luids = await uow.IdMaps.GetLuidsAsync(device.Id, ds.DatastoreId, page.Select(p => p.Id).ToList(), ct);
                    if (slow)
                    {
                        page = await WithContentAsync(ds, page, luids, ct);
                    }

                    foreach (var item in page)
                    {
                        luids.TryGetValue(item.Id, out var luid);
                        if (!Offer(ds, sync, item, luid, listsAll, handler, caps))
                        {
                            return false;
                        }

                        ds.LastSentSequence = item.Sequence;
                    }

                    continue;
                }

                ds.LastSentSequence = ds.SnapshotSequence;
            }

            // Items a slow-sync merge or a lost conflict changed for the device (sent after the listing).
            while (ds.PendingUpdates.Count > 0)
            {
                var guid = ds.PendingUpdates[0];
                var item = (await uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
                var luid = (await uow.IdMaps.GetLuidsAsync(device.Id, ds.DatastoreId, [guid], ct)).GetValueOrDefault(guid);
                if (item != null && !item.Deleted && !Offer(ds, sync, item, luid, false, handler, caps))
                {
                    return false;
                }

                ds.PendingUpdates.RemoveAt(0);
            }

            ds.SendDone = true;
        }

        return true;
    }

    /// <summary>The page with content loaded for the items the device does not hold (the ones a slow sync sends).</summary>
    private async Task<IReadOnlyList<StoredItem>> WithContentAsync(DatastoreSession ds, IReadOnlyList<StoredItem> page, IReadOnlyDictionary<string, string> luids, CancellationToken ct)
    {
        var needed = page.Where(p => !p.Deleted && !luids.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (needed.Count == 0)
        {
            return page;
        }

        var loaded = (await uow.Items.GetAsync(ds.DatastoreId, needed, true, ct)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return [.. page.Select(p => loaded.GetValueOrDefault(p.Id) ?? p)];
    }

    /// <summary>Puts one item in the message; false (and nothing added) when it does not fit any more.</summary>
    private bool Offer(DatastoreSession ds, SyncCommand sync, StoredItem item, string? luid, bool listingAll, IContentHandler handler, CTCap? caps)
    {
        ItemCommand command;
        OutgoingData? data = null;
        if (item.Deleted)
        {
            if (luid == null)
            {
                return true;
            }

            command = new DeleteCommand();
            command.Items.Add(new Item { Target = new SyncLocation(luid) });
        }
        else
        {
            if (listingAll && luid != null)
            {
                // Slow sync: the device already holds this item (matched in this session); updates come separately.
                return true;
            }

            data = ForDevice(ds, item.Content ?? [], item.ContentType, handler, caps);
            command = luid == null ? new AddCommand() : new ReplaceCommand();
            command.Meta = new MetInf { Type = data.ContentType, Format = data.Base64 ? "b64" : null };
            var it = new Item { Data = ItemData.FromText(data.Text) };
            if (luid == null)
            {
                it.Source = new SyncLocation(item.Id);
            }
            else
            {
                it.Target = new SyncLocation(luid);
            }

            command.Items.Add(it);
            var bytes = data.Size;
            var maxObj = ds.MaxObjSize ?? state.ClientMaxObjSize;
            if (maxObj is > 0 && bytes > maxObj)
            {
                // The device cannot take it at all (MaxObjSize, §6.10): skip it and say so in the log.
                logger.LogWarning("{Session}: {Item} ({Bytes} bytes) exceeds the device's MaxObjSize {Max}; not sent", Describe(), item.Id, bytes, maxObj);
                return true;
            }
        }

        var estimate = ReplyBuilder.EstimateItem(data?.Text, item.Id + luid);
        if (estimate > reply.Remaining - SafetyMargin)
        {
            var empty = sync.Commands.Count == 0 && reply.Message.Body.Commands.OfType<SyncCommand>().All(s => s.Commands.Count == 0);
            if (data != null && empty && state.ClientLargeObjects)
            {
                // Too big for any message: send it as a large object in chunks (§6.10).
                StartChunk(ds, sync, command, item, luid, data);
                return false;
            }

            if (!empty)
            {
                return false;
            }

            // Bigger than the message but the device cannot take large objects: send it whole, alone.
        }

        command.CmdID = reply.NextCmdId();
        sync.Commands.Add(command);
        reply.AccountNested(estimate);
        Track(ds, command, item, luid, chunk: false);
        return true;
    }

    private void Track(DatastoreSession ds, ItemCommand command, StoredItem item, string? luid, bool chunk)
    {
        state.Outstanding[reply.Message.Header.MsgID + "/" + command.CmdID] = new OutstandingCommand
        {
            ClientUri = ds.ClientUri,
            Guid = item.Id,
            Op = command.ElementName,
            Sequence = item.Sequence,
            Version = item.Version,
            Luid = luid,
            Chunk = chunk,
        };
        switch (command)
        {
            case AddCommand:
                ds.ServerAdds += chunk ? 0 : 1;
                break;
            case ReplaceCommand:
                ds.ServerReplaces += chunk ? 0 : 1;
                break;
            case DeleteCommand:
                ds.ServerDeletes++;
                break;
        }
    }

    /// <summary>
    /// An item as this device gets it: text rendered for the device's format and limits, or, for data Coffer does not
    /// interpret that is not UTF-8 text, its bytes as b64 (Meta Format, OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6).
    /// </summary>
    private OutgoingData ForDevice(DatastoreSession ds, byte[] content, string storedType, IContentHandler handler, CTCap? caps)
    {
        if (handler is OpaqueContentHandler && !ItemPayload.SendsAsText(storedType, content))
        {
            return new OutgoingData(Convert.ToBase64String(content), storedType, true, content.Length);
        }

        var rendered = handler.Render(Encoding.UTF8.GetString(content), ds.SendType, ds.SendVersion, caps);
        return new OutgoingData(rendered.Text, rendered.ContentType, false, Encoding.UTF8.GetByteCount(rendered.Text));
    }

    /// <summary>The text of a large object as its chunks carry it (see <see cref="StartChunk"/>).</summary>
    private string ChunkText(OutgoingData data) =>
        data.Base64 || state.Wbxml
            ? data.Text

            // An XML parser hands the device every CRLF (and lone CR) as LF (XML 1.0 §2.11), so the object the device
            // reassembles has LF line ends: Size must count those (OMA-TS-DS_Protocol-V1_2 §6.10, else 424), and a
            // chunk boundary must not split a CRLF pair. WBXML carries the string as it is.
            : data.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private void StartChunk(DatastoreSession ds, SyncCommand sync, ItemCommand command, StoredItem item, string? luid, OutgoingData data)
    {
        var text = ChunkText(data);
        state.Outgoing = new OutgoingChunk
        {
            ClientUri = ds.ClientUri,
            Guid = item.Id,
            Op = command.ElementName,
            Luid = luid,
            ContentType = data.ContentType,
            Sequence = item.Sequence,
            Version = item.Version,
            TotalSize = data.Base64 ? data.Size : Encoding.UTF8.GetByteCount(text),
            Base64 = data.Base64,
        };
        ds.LastSentSequence = item.Sequence;
        AddChunk(sync, text, first: true);
    }

    /// <summary>
    /// Sends the next chunk of the large object in progress; false when the message is full afterwards. The object is
    /// read again from the store at the version the first chunk came from (the session keeps only where it is).
    /// </summary>
    private async Task<bool> ContinueChunkAsync(CancellationToken ct)
    {
        var chunk = state.Outgoing!;
        var ds = state.FindByClientUri(chunk.ClientUri)!;
        var item = (await uow.Items.GetAsync(ds.DatastoreId, [chunk.Guid], true, ct)).FirstOrDefault();
        var content = item?.Version == chunk.Version
            ? item.Content
            : (await uow.Items.GetVersionsAsync(ds.DatastoreId, chunk.Guid, ct)).FirstOrDefault(v => v.Version == chunk.Version)?.Content;
        if (content == null)
        {
            logger.LogWarning("{Session}: large object {Item} version {Version} is gone; its transfer stops", Describe(), chunk.Guid, chunk.Version);
            state.Outgoing = null;
            return true;
        }

        var text = ChunkText(ForDevice(ds, content, chunk.ContentType, handlers.For(ds.Kind, ds.SendType), await CapsAsync(ds, ct)));
        var sync = new SyncCommand { Target = new SyncLocation(ds.ClientUri), Source = new SyncLocation(ds.ServerUri) };
        reply.Add(sync, 200);
        AddChunk(sync, text, first: false);
        return state.Outgoing == null;
    }

    private void AddChunk(SyncCommand sync, string data, bool first)
    {
        var chunk = state.Outgoing!;
        var ds = state.FindByClientUri(chunk.ClientUri)!;
        var room = (int)Math.Max(1024, reply.Remaining - SafetyMargin - ReplyBuilder.EstimateItem(null, chunk.Guid + chunk.Luid));
        var take = chunk.Base64
            ? Math.Min(data.Length - chunk.Offset, Math.Max(4, (int)(room / 1.1) / 4 * 4))
            : AvoidWhitespaceEdge(data, chunk.Offset, TakeBytes(data, chunk.Offset, (int)(room / 1.1)));
        var piece = data.Substring(chunk.Offset, take);
        chunk.Offset += take;
        var last = chunk.Offset >= data.Length;
        ItemCommand command = chunk.Op == "Add" ? new AddCommand() : new ReplaceCommand();

        // b64 pieces are cut at whole 4-character groups, so each chunk decodes on its own.
        command.Meta = new MetInf { Type = chunk.ContentType, Format = chunk.Base64 ? "b64" : null };
        var item = new Item { Data = ItemData.FromText(piece), MoreData = !last };
        if (chunk.Luid == null)
        {
            item.Source = new SyncLocation(chunk.Guid);
        }
        else
        {
            item.Target = new SyncLocation(chunk.Luid);
        }

        if (first)
        {
            // The first chunk announces the object's total size (OMA-TS-DS_Protocol-V1_2 §6.10).
            item.Meta = new MetInf { Size = chunk.TotalSize };
        }

        command.Items.Add(item);
        command.CmdID = reply.NextCmdId();
        sync.Commands.Add(command);
        reply.AccountNested(ReplyBuilder.EstimateItem(piece, chunk.Guid + chunk.Luid));
        var stored = new StoredItem(chunk.Guid, user.Id, ds.DatastoreId, chunk.Version, chunk.Sequence, false, chunk.ContentType, null, null, chunk.TotalSize, default, default, string.Empty);
        Track(ds, command, stored, chunk.Luid, chunk: !last);
        if (last)
        {
            state.Outgoing = null;
        }
    }

    /// <summary>
    /// Moves a chunk's end back so that neither this chunk ends nor the next one starts with whitespace: SyncEvolution
    /// (Synthesis) trims the text of each Data element, so a chunk edge on a CR, LF or a folded line's leading space
    /// loses bytes and the object fails its Size check (424). Unchanged when there is no such split point.
    /// </summary>
    private static int AvoidWhitespaceEdge(string s, int offset, int take)
    {
        var end = offset + take;
        if (end >= s.Length)
        {
            return take;
        }

        var split = end;
        while (split > offset + 1 && (char.IsWhiteSpace(s[split - 1]) || char.IsWhiteSpace(s[split]) || char.IsLowSurrogate(s[split])))
        {
            split--;
        }

        return split > offset + 1 ? split - offset : take;
    }

    /// <summary>How many chars from <paramref name="offset"/> fit in <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
    private static int TakeBytes(string s, int offset, int maxBytes)
    {
        var bytes = 0;
        var i = offset;
        while (i < s.Length)
        {
            var width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
            var b = Encoding.UTF8.GetByteCount(s.AsSpan(i, width));
            if (bytes + b > maxBytes && i > offset)
            {
                break;
            }

            bytes += b;
            i += width;
        }

        return i - offset;
    }

    private async Task<long> CountToSendAsync(DatastoreSession ds, CancellationToken ct)
    {
        // NumberOfChanges (§5.5 Sync) lets the device show progress; counted before paging starts.
        if (ds.Mode is AlertCode.SlowSync or AlertCode.RefreshFromServer)
        {
            var live = await uow.Items.CountLiveAsync(ds.DatastoreId, ct);
            var mapped = await uow.IdMaps.CountAsync(device.Id, ds.DatastoreId, ct);
            // Adds already put in this message are still unmapped (the Map comes in package 5), so live - mapped counts
            // them; Replaces of twins leave PendingUpdates as they are sent, so those are added back.
            return Math.Max(0, live - mapped) + ds.PendingUpdates.Count + ds.ServerReplaces;
        }

        return await uow.Items.CountChangesSinceAsync(ds.DatastoreId, ds.StartCursor, Origin, ct);
    }

    /// <summary>The format the device prefers to receive for this datastore (its DevInf Rx-Pref), else what it sent.</summary>
    private async Task ChooseSendTypeAsync(DatastoreSession ds, CancellationToken ct)
    {
        var info = await GetDeviceInfoAsync(ct);
        var store = info?.FindDataStore(ds.ClientUri);
        if (store?.RxPref != null)
        {
            ds.SendType = store.RxPref.CTType;
            ds.SendVersion = store.RxPref.VerCT;
        }

        ds.SendType ??= DatastoreCatalog.StoredType(ds.Kind);
    }

    /// <summary>Package 6 sent: the sync is complete; the anchors and the cursor become the new synchronization object (seed 002).</summary>
    private async Task CompleteAsync(CancellationToken ct)
    {
        state.Completed = true;
        var now = time.GetUtcNow();
        var current = await uow.Items.GetCurrentSequenceAsync(user.Id, ct);
        foreach (var ds in state.Datastores)
        {
            var cursor = ds.Mode switch
            {
                AlertCode.OneWayFromClient => ds.StartCursor,
                AlertCode.RefreshFromClient => current,
                _ => ds.SnapshotSequence,
            };
            if (ds.LowestFailedSequence is { } failed)
            {
                cursor = Math.Min(cursor, failed - 1);
            }

            await uow.SyncStates.SaveAsync(
                new SyncState(device.Id, ds.DatastoreId, ds.ClientNextAnchor, null, ds.ServerNextAnchor, null, ds.LastSentSequence, cursor, now, now),
                ct);
            RecordItems(ds);
            logger.LogInformation(
                "{Session}: {Store} done as {Mode}: from device +{CA} ~{CR} -{CD}, to device +{SA} ~{SR} -{SD}",
                Describe(),
                ds.ServerUri,
                ds.Mode,
                ds.ClientAdds,
                ds.ClientReplaces,
                ds.ClientDeletes,
                ds.ServerAdds,
                ds.ServerReplaces,
                ds.ServerDeletes);
        }

        sessionOutcome = SyncSessionOutcome.Success;
    }

    private void RecordItems(DatastoreSession ds)
    {
        var store = ds.Kind.ToString().ToLowerInvariant();
        Add(ds.ClientAdds, ItemOperation.Add, ItemDirection.FromClient);
        Add(ds.ClientReplaces, ItemOperation.Replace, ItemDirection.FromClient);
        Add(ds.ClientDeletes, ItemOperation.Delete, ItemDirection.FromClient);
        Add(ds.ClientRejects, ItemOperation.Reject, ItemDirection.FromClient);
        Add(ds.ServerAdds, ItemOperation.Add, ItemDirection.ToClient);
        Add(ds.ServerReplaces, ItemOperation.Replace, ItemDirection.ToClient);
        Add(ds.ServerDeletes, ItemOperation.Delete, ItemDirection.ToClient);

        void Add(int n, ItemOperation op, ItemDirection direction)
        {
            if (n > 0)
            {
                metrics.ItemsProcessed(store, op, direction, n);
            }
        }
    }
}
