using Coffer.Storage;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Puts one of the server's changes into the reply as an Add, Replace or Delete, if it fits the client's MaxMsgSize
/// (OMA-TS-SyncML_RepPro-V1_2 §5.2.9) and MaxObjSize (OMA-TS-DS_Protocol-V1_2 §6.10); an item too big for any message
/// is handed to <see cref="LargeObjectSender"/>.
/// </summary>
internal sealed class ItemOffer(MessageContext ctx, SentCommands sent, LargeObjectSender largeObjects, long maxWhole)
{
    /// <summary>False (and nothing added) when the item does not fit any more: the message is full.</summary>
    /// <param name="listingAll">a slow sync's or refresh's listing of every item (items the device holds are skipped)</param>
    public async Task<bool> OfferAsync(DatastoreSession ds, SyncCommand sync, StoredItem item, string? luid, bool listingAll, DeviceFormat format, CancellationToken ct)
    {
        if (!item.Deleted && !(listingAll && luid != null) && item.Content is { } stored && BlobKinds.Holds(ds.Kind) && BlobManifest.IsManifest(stored))
        {
            var manifest = BlobManifest.Parse(stored);
            if (!FitsWhole(ds, item, luid, manifest))
            {
                return await OfferLargeBlobAsync(ds, sync, item, luid, manifest, ct);
            }

            // Small enough for one message: sent as any item, from its content.
            item = item with { Content = await new BlobStore(ctx.Uow).ReadAllAsync(ctx.User.Id, manifest, ct) };
        }

        return Offer(ds, sync, item, luid, listingAll, format);
    }

    private bool Offer(DatastoreSession ds, SyncCommand sync, StoredItem item, string? luid, bool listingAll, DeviceFormat format)
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

            data = OutgoingData.For(ds, item.Content ?? [], item.ContentType, format.Handler, format.Caps, SendsBin);
            var maxObj = ds.MaxObjSize ?? ctx.State.ClientMaxObjSize;
            if (maxObj is > 0 && data.Size > maxObj)
            {
                // The device cannot take it at all (MaxObjSize, §6.10): skip it and say so in the log.
                ctx.Logger.LogWarning("{Session}: {Item} ({Bytes} bytes) exceeds the device's MaxObjSize {Max}; not sent", ctx.Describe(), item.Id, data.Size, maxObj);
                return true;
            }

            command = luid == null ? new AddCommand() : new ReplaceCommand();
            command.Meta = new MetInf { Type = data.ContentType, Format = data.Format };
            command.Items.Add(luid == null
                ? new Item { Data = data.ToItemData(), Source = new SyncLocation(item.Id) }
                : new Item { Data = data.ToItemData(), Target = new SyncLocation(luid) });
        }

        var reply = ctx.Reply;
        var estimate = data?.Estimate(item.Id + luid) ?? ReplyBuilder.EstimateItem(null, item.Id + luid);
        if (estimate > reply.Remaining - ServerPackageBuilder.SafetyMargin)
        {
            var empty = sync.Commands.Count == 0 && reply.Message.Body.Commands.OfType<SyncCommand>().All(s => s.Commands.Count == 0);
            if (data != null && empty && ctx.State.ClientLargeObjects)
            {
                // Too big for any message: send it as a large object in chunks (§6.10).
                largeObjects.Start(ds, sync, command, item, luid, data.AsText());
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
        sent.Track(ds, command, item, luid, chunk: false);
        return true;
    }

    /// <summary>Binary data goes as the bytes themselves: the device announced Format bin and the session is WBXML (<see cref="SyncML.DevInf.BinItemData"/>).</summary>
    private bool SendsBin => ctx.State.ClientBinData && ctx.State.Wbxml;

    /// <summary>Whether a blob goes out whole: it fits this message as b64, or the device cannot take large objects (then whole, if within our MaxObjSize).</summary>
    private bool FitsWhole(DatastoreSession ds, StoredItem item, string? luid, BlobManifest manifest)
    {
        // Estimated as Offer estimates the item once read (escaping allowance included), so a blob judged to fit is
        // never handed to the text large-object path, which cannot read a blob's later chunks.
        var b64 = SendsBin ? manifest.Size : (long)((manifest.Size + 2) / 3 * 4 * 1.1);
        return b64 + ReplyBuilder.EstimateItem(null, item.Id + luid) <= ctx.Reply.Remaining - ServerPackageBuilder.SafetyMargin
            || (!ctx.State.ClientLargeObjects && manifest.Size <= maxWhole);
    }

    /// <summary>A blob bigger than the message: sent in chunks read from the blob store (§6.10), alone in its message.</summary>
    private async Task<bool> OfferLargeBlobAsync(DatastoreSession ds, SyncCommand sync, StoredItem item, string? luid, BlobManifest manifest, CancellationToken ct)
    {
        var maxObj = ds.MaxObjSize ?? ctx.State.ClientMaxObjSize;
        if ((maxObj is > 0 && manifest.Size > maxObj) || !ctx.State.ClientLargeObjects)
        {
            ctx.Logger.LogWarning("{Session}: {Item} ({Bytes} bytes) exceeds what the device can take in one object (MaxObjSize {Max}); not sent", ctx.Describe(), item.Id, manifest.Size, maxObj);
            return true;
        }

        var empty = sync.Commands.Count == 0 && ctx.Reply.Message.Body.Commands.OfType<SyncCommand>().All(s => s.Commands.Count == 0);
        if (!empty)
        {
            return false;
        }

        await largeObjects.StartBlobAsync(ds, sync, luid == null ? new AddCommand() : new ReplaceCommand(), item, luid, manifest, ct);
        return false;
    }
}
