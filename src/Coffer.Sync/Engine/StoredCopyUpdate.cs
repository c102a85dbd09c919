using Coffer.Formats.AppData;
using Coffer.Storage;
using Coffer.Sync.AppData;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// What a change set and a file delta have in common (seed 001, the server keeps "an updated copy of the data file"):
/// the app data item whose stored copy they apply to, the new copy stored as the item's next version under the item's
/// content type (so a restore sends the file), and the answer: 200, or the refusal of that item alone.
/// </summary>
internal sealed class StoredCopyUpdate(MessageContext ctx, MessageItems items, AppDataModeKeeper modes, string what)
{
    /// <summary>The item the Replace names, with a stored copy to apply to; null (and the item refused 409) when there is none.</summary>
    public async Task<StoredItem?> FindAsync(DatastoreSession ds, ClientItem item, CancellationToken ct)
    {
        var guid = items.KnownGuid(ds, item);
        var existing = guid == null ? null : (await ctx.Uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
        if (item.Command is not ReplaceCommand || existing == null || existing.Deleted || existing.Content == null || !BlobManifest.IsManifest(existing.Content))
        {
            Refuse(ds, item, StatusCode.Conflict, "no stored copy to apply it to");
            return null;
        }

        return existing;
    }

    /// <summary>Stores <paramref name="result"/> as the item's new version, records its mode and answers 200.</summary>
    public async Task<BlobManifest> StoreAsync(DatastoreSession ds, ClientItem item, StoredItem existing, ScratchFile result, AppDataMode mode, CancellationToken ct)
    {
        BlobManifest updated;
        await using (var built = result.OpenRead())
        {
            updated = await new BlobStore(ctx.Uow).WriteAsync(ctx.User.Id, built, ct);
        }

        var key = items.IdentityKeyOf("blob:" + Convert.ToHexStringLower(updated.Root));
        await items.FlushAsync(ds, ct);
        await ctx.Uow.Items.ReplaceAsync(ds.DatastoreId, [new ItemReplacement(existing.Id, existing.ContentType, updated.ToBytes(), ctx.Origin, key, Size: updated.Size)], ct);
        await modes.RecordChangesAsync(ds, existing.Id, mode, ct);
        await items.MatchedAsync(ds, item.Luid, existing.Id, ct);
        ds.ClientReplaces++;
        ctx.Respond(item.Command, StatusCode.Ok, null, item.Luid);
        return updated;
    }

    /// <summary>Answers the item alone with <paramref name="status"/>; the stored copy stays as it was.</summary>
    public void Refuse(DatastoreSession ds, ClientItem item, int status, string reason)
    {
        ctx.Respond(item.Command, status, item.TargetUri, item.Luid);
        ds.ClientRejects++;
        ctx.Logger.LogWarning("{Session}: {What} of '{Luid}' in {Store} refused ({Status}): {Reason}", ctx.Describe(), what, item.Luid, ds.ServerUri, status, LogRedaction.Reason(reason));
    }
}
