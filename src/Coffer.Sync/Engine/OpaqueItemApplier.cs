using System.Security.Cryptography;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Datastores;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// A client's Add or Replace of an item Coffer does not interpret (a file, a photo, a mail, an SMS, a vendor format):
/// stored byte for byte, never decoded as text. Its identity is the hash of its bytes (twins in a slow sync are
/// identical copies); a device's Replace replaces it whole, unless the server changed it too and the policy says the
/// server wins. In a datastore of blobs the content goes into the blob store and the version holds its manifest
/// (equal content gives an equal manifest for the user, so comparisons stay byte comparisons of what is stored).
/// </summary>
internal sealed class OpaqueItemApplier(MessageContext ctx, MessageItems items, ConflictPolicy policy)
{
    /// <param name="manifest">The blob a large object already filled (a datastore of blobs), else null and <paramref name="received"/> is the content.</param>
    public async Task ApplyAsync(DatastoreSession ds, ClientItem item, byte[] received, BlobManifest? manifest, CancellationToken ct)
    {
        byte[] content;
        byte[] key;
        long size;
        if (BlobKinds.Holds(ds.Kind))
        {
            manifest ??= await new BlobStore(ctx.Uow).WriteAsync(ctx.User.Id, received, ct);
            content = manifest.ToBytes();
            key = items.IdentityKeyOf(BlobIdentity.Of(ds.Kind, manifest, item.Type));
            size = manifest.Size;
        }
        else
        {
            content = received;
            key = items.IdentityKeyOf("sha256:" + Convert.ToHexString(SHA256.HashData(content)));
            size = content.Length;
        }

        var storedType = item.Type ?? DatastoreCatalog.StoredType(ds.Kind);
        var guid = items.KnownGuid(ds, item);
        var existing = guid == null ? null : (await ctx.Uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
        existing ??= ds.IsSlow || ds.IsRefreshFromClient ? await items.FindTwinAsync(ds, key, ct) : null;
        if (existing == null)
        {
            if (ds.AfterRecovery)
            {
                await items.RetireAsync(ds, item.Luid, new NewItem(storedType, content, ctx.Origin, key, Size: size), ct);
                ctx.Respond(item.Command, StatusCode.ItemAdded, item.TargetUri, item.Luid);
                return;
            }

            if (!await items.TryReserveAsync(size, ct))
            {
                // OMA-TS-SyncML_RepPro-V1_2 §10: 420 "Device full" — for this item alone; nothing stored is touched.
                ctx.Respond(item.Command, StatusCode.DeviceFull, item.TargetUri, item.Luid);
                ds.ClientRejects++;
                ds.QuotaRefusals++;
                ctx.Logger.LogWarning("{Session}: Add of '{Luid}' in {Store} refused: the user's quota is full", ctx.Describe(), item.Luid, ds.ServerUri);
                return;
            }

            ctx.Respond(item.Command, StatusCode.ItemAdded, item.TargetUri, item.Luid);
            items.QueueAdd(new NewItem(storedType, content, ctx.Origin, key, Size: size), item.Luid);
            ds.ClientAdds++;
            return;
        }

        await items.FlushAsync(ds, ct);
        if (ds.AfterRecovery)
        {
            // The slow sync after a recovery: the stored (recovered) copy wins over the device's (seed 000 §5.3).
            var differs = existing.Content == null || !content.AsSpan().SequenceEqual(existing.Content);
            await items.KeepRecoveredAsync(ds, item.Luid, existing, differs, ct);
            ctx.Respond(item.Command, item.Command is AddCommand ? StatusCode.ItemAdded : StatusCode.Ok, null, item.Luid);
            return;
        }

        var serverChanged = !existing.Deleted && existing.Sequence > ds.StartCursor && existing.Origin != ctx.Origin;
        var code = item.Command is AddCommand ? StatusCode.ItemAdded : StatusCode.Ok;
        if (serverChanged && !ds.IsSlow && policy == ConflictPolicy.ServerWins)
        {
            ds.PendingUpdates.Add(existing.Id);
            code = StatusCode.ConflictResolvedWithServerData;
        }
        else if (existing.Deleted || existing.Content == null || !content.AsSpan().SequenceEqual(existing.Content))
        {
            await ctx.Uow.Items.ReplaceAsync(ds.DatastoreId, [new ItemReplacement(existing.Id, storedType, content, ctx.Origin, key, Size: size)], ct);
            code = serverChanged && item.Command is ReplaceCommand ? StatusCode.ConflictResolvedWithClientWinning : code;
        }

        await items.MatchedAsync(ds, item.Luid, existing.Id, ct);
        ds.ClientReplaces++;
        if (code != StatusCode.Ok && code != StatusCode.ItemAdded)
        {
            ctx.Logger.LogInformation("{Session}: conflict on {Item} in {Store}: status {Code}", ctx.Describe(), existing.Id, ds.ServerUri, code);
        }

        ctx.Respond(item.Command, code, null, item.Luid);
    }
}
