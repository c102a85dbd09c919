using System.Security.Cryptography;
using Coffer.Storage;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    /// <summary>
    /// An item Coffer does not interpret (a file, a photo, a vendor format): stored byte for byte, never decoded as
    /// text. Its identity is the hash of its bytes (twins in a slow sync are identical copies); a device's Replace
    /// replaces it whole, unless the server changed it too and the policy says the server wins.
    /// </summary>
    private async Task ApplyOpaqueAsync(DatastoreSession ds, ItemCommand command, byte[] content, string? type, string? luid, string? targetUri, IReadOnlyDictionary<string, string> mapped, CancellationToken ct)
    {
        var key = IdentityKeyOf("sha256:" + Convert.ToHexString(SHA256.HashData(content)));
        var storedType = type ?? Datastores.DatastoreCatalog.StoredType(ds.Kind);
        var guid = KnownGuid(ds, command, luid, targetUri, mapped);
        var existing = guid == null ? null : (await uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
        existing ??= ds.IsSlow || ds.IsRefreshFromClient ? await FindTwinAsync(ds, key, ct) : null;
        if (existing == null)
        {
            Respond(command, StatusCode.ItemAdded, targetUri, luid);
            pendingAdds.Add(new PendingAdd(new NewItem(storedType, content, Origin, key), luid));
            ds.ClientAdds++;
            return;
        }

        await FlushAddsAsync(ds, ct);
        var serverChanged = !existing.Deleted && existing.Sequence > ds.StartCursor && existing.Origin != Origin;
        var code = command is AddCommand ? StatusCode.ItemAdded : StatusCode.Ok;
        if (serverChanged && !ds.IsSlow && options.ConflictPolicy == ConflictPolicy.ServerWins)
        {
            ds.PendingUpdates.Add(existing.Id);
            code = StatusCode.ConflictResolvedWithServerData;
        }
        else if (existing.Deleted || existing.Content == null || !content.AsSpan().SequenceEqual(existing.Content))
        {
            await uow.Items.ReplaceAsync(ds.DatastoreId, [new ItemReplacement(existing.Id, storedType, content, Origin, key)], ct);
            code = serverChanged && command is ReplaceCommand ? StatusCode.ConflictResolvedWithClientWinning : code;
        }

        if (luid != null)
        {
            await uow.IdMaps.UpsertAsync(device.Id, ds.DatastoreId, [new IdMapEntry(luid, existing.Id)], ct);
        }

        matchedThisMessage.Add(existing.Id);
        ds.ClientReplaces++;
        if (code != StatusCode.Ok && code != StatusCode.ItemAdded)
        {
            logger.LogInformation("{Session}: conflict on {Item} in {Store}: status {Code}", Describe(), existing.Id, ds.ServerUri, code);
        }

        Respond(command, code, null, luid);
    }
}
