using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// A client's Add or Replace of an item Coffer understands (a contact, an event, a note): normalized, matched to the
/// stored item it names or to its twin (slow sync), merged field by field against it, or added
/// (docs/field-level-merge.md).
/// </summary>
internal sealed class TextItemApplier(MessageContext ctx, MessageItems items, ConflictPolicy policy)
{
    public async Task ApplyAsync(DatastoreSession ds, ClientItem item, byte[] payload, IContentHandler handler, CTCap? caps, CancellationToken ct)
    {
        var copy = item.Copy ?? Read(payload, item.Type, handler, caps);
        var norm = copy.Content;
        var guid = items.KnownGuid(ds, item);
        var existing = guid == null ? null : (await ctx.Uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
        if (existing != null)
        {
            await items.FlushAsync(ds, ct);
            if (ds.AfterRecovery)
            {
                await KeepRecoveredAsync(ds, item, existing, copy, ct);
                return;
            }

            await ReplaceAsync(ds, item, existing, copy, ct);
            return;
        }

        if ((ds.IsSlow || ds.IsRefreshFromClient) && await items.FindTwinAsync(ds, copy.Key, ct) is { } twin)
        {
            if (ds.AfterRecovery)
            {
                await KeepRecoveredAsync(ds, item, twin, copy, ct);
                return;
            }

            await MergeTwinAsync(ds, item, twin, copy, ct);
            return;
        }

        var content = Encoding.UTF8.GetBytes(norm.Text);
        if (ds.AfterRecovery)
        {
            await items.RetireAsync(ds, item.Luid, new NewItem(norm.ContentType, content, ctx.Origin, copy.Key), ct);
            ctx.Respond(item.Command, StatusCode.ItemAdded, item.TargetUri, item.Luid);
            return;
        }

        if (!await items.TryReserveAsync(content.Length, ct))
        {
            // OMA-TS-SyncML_RepPro-V1_2 §10: 420 "Device full" — for this item alone; nothing stored is touched.
            ctx.Respond(item.Command, StatusCode.DeviceFull, item.TargetUri, item.Luid);
            ds.ClientRejects++;
            ds.QuotaRefusals++;
            ctx.Logger.LogWarning("{Session}: Add of '{Luid}' in {Store} refused: the user's quota is full", ctx.Describe(), item.Luid, ds.ServerUri);
            return;
        }

        ctx.Respond(item.Command, StatusCode.ItemAdded, item.TargetUri, item.Luid);
        items.QueueAdd(new NewItem(norm.ContentType, content, ctx.Origin, copy.Key), item.Luid);
        ds.ClientAdds++;
    }

    private DeviceCopy Read(byte[] payload, string? type, IContentHandler handler, CTCap? caps)
    {
        var norm = handler.Normalize(Encoding.UTF8.GetString(payload), type);
        return new DeviceCopy(norm, items.IdentityKeyOf(norm.IdentityKey), handler, caps);
    }

    /// <summary>The slow sync after a recovery: the stored (recovered) copy wins over the device's (seed 000 §5.3).</summary>
    private async Task KeepRecoveredAsync(DatastoreSession ds, ClientItem item, StoredItem stored, DeviceCopy copy, CancellationToken ct)
    {
        var differs = stored.Content == null || !string.Equals(Encoding.UTF8.GetString(stored.Content), copy.Content.Text, StringComparison.Ordinal);
        await items.KeepRecoveredAsync(ds, item.Luid, stored, differs, ct);
        ctx.Respond(item.Command, item.Command is AddCommand ? StatusCode.ItemAdded : StatusCode.Ok, null, item.Luid);
    }

    private async Task ReplaceAsync(DatastoreSession ds, ClientItem item, StoredItem existing, DeviceCopy copy, CancellationToken ct)
    {
        var serverText = existing.Deleted || existing.Content == null ? null : Encoding.UTF8.GetString(existing.Content);
        MergeResult result;
        if (serverText == null)
        {
            // Changed on the device, deleted on the server: the device's change revives the item (the delete stays in history).
            result = new MergeResult(copy.Content.Text, MergeOutcome.DeviceWon, false);
        }
        else
        {
            var serverChanged = existing.Sequence > ds.StartCursor && existing.Origin != ctx.Origin;
            var baseText = serverChanged ? await BaseTextAsync(ds, existing, ct) : serverText;
            result = Merge(copy, baseText, serverText);
        }

        if (result.Text != serverText)
        {
            // The result goes back to the device through changes-since when it differs from the device's view.
            var origin = result.DeviceNeedsUpdate && !ds.IsSlow ? ItemOrigins.Merge : ctx.Origin;
            await StoreAsync(ds, existing.Id, result, copy, origin, ct);
        }

        if (result.DeviceNeedsUpdate && ds.IsSlow)
        {
            ds.PendingUpdates.Add(existing.Id);
        }

        await items.MatchedAsync(ds, item.Luid, existing.Id, ct);
        ds.ClientReplaces++;
        var code = item.Command is AddCommand ? StatusCode.ItemAdded : result.Outcome switch
        {
            MergeOutcome.Merged => StatusCode.ConflictResolvedWithMerge,
            MergeOutcome.DeviceWon when serverText != null && existing.Sequence > ds.StartCursor => StatusCode.ConflictResolvedWithClientWinning,
            MergeOutcome.ServerWon => StatusCode.ConflictResolvedWithServerData,
            _ => StatusCode.Ok,
        };
        if (result.Outcome != MergeOutcome.Applied)
        {
            ctx.Logger.LogInformation("{Session}: conflict on {Item} in {Store}: {Outcome}", ctx.Describe(), existing.Id, ds.ServerUri, result.Outcome);
        }

        ctx.Respond(item.Command, code, null, item.Luid);
    }

    private async Task MergeTwinAsync(DatastoreSession ds, ClientItem item, StoredItem twin, DeviceCopy copy, CancellationToken ct)
    {
        var serverText = Encoding.UTF8.GetString(twin.Content ?? []);
        var result = ds.IsRefreshFromClient
            ? new MergeResult(copy.Content.Text, MergeOutcome.DeviceWon, false)
            : Merge(copy, null, serverText);
        if (result.Text != serverText)
        {
            await StoreAsync(ds, twin.Id, result, copy, ctx.Origin, ct);
        }

        if (result.DeviceNeedsUpdate)
        {
            ds.PendingUpdates.Add(twin.Id);
        }

        await items.MatchedAsync(ds, item.Luid, twin.Id, ct);
        ds.ClientReplaces++;
        ctx.Respond(item.Command, StatusCode.ItemAdded, null, item.Luid);
    }

    /// <summary>
    /// The handler's field-level merge, except when the device sent exactly the stored copy (the usual twin of a slow
    /// sync, an unchanged Replace): nothing to merge, nothing to send back.
    /// </summary>
    private MergeResult Merge(DeviceCopy copy, string? baseText, string serverText) =>
        string.Equals(serverText, copy.Content.Text, StringComparison.Ordinal)
            ? new MergeResult(serverText, MergeOutcome.Applied, false)
            : copy.Handler.Merge(baseText, serverText, copy.Content.Text, copy.Caps, policy);

    /// <summary>
    /// Stores a merge's result. Its identity key is taken from the result, not from the device's copy: a merge keeps
    /// fields the device does not hold (and may not have sent).
    /// </summary>
    private Task StoreAsync(DatastoreSession ds, string guid, MergeResult result, DeviceCopy copy, string origin, CancellationToken ct)
    {
        var key = result.Text == copy.Content.Text
            ? copy.Key
            : items.IdentityKeyOf(copy.Handler.Normalize(result.Text, copy.Content.ContentType).IdentityKey);
        return ctx.Uow.Items.ReplaceAsync(ds.DatastoreId, [new ItemReplacement(guid, copy.Content.ContentType, Encoding.UTF8.GetBytes(result.Text), origin, key)], ct);
    }

    /// <summary>
    /// The version the device last had: the newest one it had been sent (sequence within its cursor) or sent itself.
    /// Three-way merging against it tells which side changed which field.
    /// </summary>
    private async Task<string?> BaseTextAsync(DatastoreSession ds, StoredItem item, CancellationToken ct)
    {
        var versions = await ctx.Uow.Items.GetVersionsAsync(ds.DatastoreId, item.Id, ct);
        var known = versions.LastOrDefault(v => v.Sequence <= ds.StartCursor || v.Origin == ctx.Origin);
        return known?.Content == null || known.Deleted ? null : Encoding.UTF8.GetString(known.Content);
    }
}
