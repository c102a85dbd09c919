using Coffer.Formats;
using Coffer.Formats.AppData;
using Coffer.Storage;
using Coffer.Sync.AppData;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// A device's Replace of an app database that carries a change set instead of the file (seed 001, the server's side:
/// "the previously backed up database file is retrieved from memory and decrypted ... schema changes are applied ...
/// data changes are applied ... the updated data files are compressed, encrypted and stored"): the stored full copy
/// is read from the blob store into a private scratch file, the change set applied to it, and the result stored as
/// the item's new version (chunked, de-duplicated, compressed and encrypted by the blob store), under the item's
/// content type, so a restore downloads one current file. A change set that does not apply is answered with its own
/// status (409 an unknown base, 400 unreadable, 500 a failing statement) and the stored copy stays as it was.
/// A change set in differential mode holds the changes since the last full backup and is applied to that full's
/// version (kept by <see cref="AppDataModeKeeper"/>), not to the current copy.
/// </summary>
internal sealed class ChangeSetItemApplier(MessageContext ctx, MessageItems items, AppDataModeKeeper modes, string? scratchDirectory)
{
    private readonly StoredCopyUpdate copy = new(ctx, items, modes, "change set");

    public async Task ApplyAsync(DatastoreSession ds, ClientItem item, byte[] received, BlobManifest? manifest, CancellationToken ct)
    {
        if (await copy.FindAsync(ds, item, ct) is not { } existing)
        {
            return;
        }

        var mode = AppDataModes.From(item.Type);
        var source = mode == AppDataMode.Differential ? await modes.DifferentialBaseAsync(ds, existing.Id, ct) : existing.Content;
        if (source == null)
        {
            copy.Refuse(ds, item, StatusCode.Conflict, "no full backup to apply the differential to");
            return;
        }

        var blobs = new BlobStore(ctx.Uow);
        var userId = ctx.User.Id;
        try
        {
            SqliteChangeSet changes;
            await using (var input = manifest == null ? new MemoryStream(received, writable: false) : blobs.OpenRead(userId, manifest))
            {
                changes = SqliteChangeSetCodec.Decode(input);
            }

            using var scratch = ScratchFile.Create(scratchDirectory);
            await using (var output = scratch.OpenWrite())
            await using (var stored = blobs.OpenRead(userId, BlobManifest.Parse(source)))
            {
                await stored.CopyToAsync(output, 1 << 20, ct);
            }

            SqliteChangeSetApplier.Apply(scratch.Path, changes);
            var updated = await copy.StoreAsync(ds, item, existing, scratch, mode, ct);
            ctx.Logger.LogInformation("{Session}: {Mode} change set of '{Luid}' in {Store} applied: modification {From} to {To}, {Size} bytes stored", ctx.Describe(), AppDataModes.Name(mode), item.Luid, ds.ServerUri, changes.BaseModification, changes.Modification, updated.Size);
        }
        catch (PimFormatException ex)
        {
            copy.Refuse(ds, item, StatusCode.BadRequest, ex.Message);
        }
        catch (ChangeSetRejectedException ex)
        {
            copy.Refuse(ds, item, ex.Status, ex.Message);
        }
    }
}
