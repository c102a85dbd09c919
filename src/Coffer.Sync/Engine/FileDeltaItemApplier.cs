using System.Security.Cryptography;
using Coffer.Formats;
using Coffer.Formats.AppData;
using Coffer.Storage;
using Coffer.Sync.AppData;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// A device's Replace of an app data file that is not a database, carrying a file delta instead of the file
/// (docs/file-delta.md): the stored copy is read from the blob store into a private scratch file, checked against the
/// base the delta names, the new version built from it and the delta into a second scratch file (streaming: files of
/// several GiB exist), checked against the length and SHA-256 the delta names, and stored as the item's new version
/// under the item's content type. A copy that is not the delta's base is answered 409, an unreadable delta or one that
/// does not build the file it names 400; either way the stored copy stays as it was.
/// </summary>
internal sealed class FileDeltaItemApplier(MessageContext ctx, MessageItems items, AppDataModeKeeper modes, string? scratchDirectory)
{
    private readonly StoredCopyUpdate copy = new(ctx, items, modes, "file delta");

    public async Task ApplyAsync(DatastoreSession ds, ClientItem item, byte[] received, BlobManifest? manifest, CancellationToken ct)
    {
        if (await copy.FindAsync(ds, item, ct) is not { } existing)
        {
            return;
        }

        var blobs = new BlobStore(ctx.Uow);
        var userId = ctx.User.Id;
        try
        {
            using var baseCopy = ScratchFile.Create(scratchDirectory);
            byte[] baseSha;
            long baseLength;
            await using (var output = baseCopy.OpenWrite())
            await using (var stored = blobs.OpenRead(userId, BlobManifest.Parse(existing.Content)))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 20];
                int n;
                while ((n = await stored.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), ct);
                }

                (baseSha, baseLength) = (hash.GetHashAndReset(), output.Length);
            }

            using var result = ScratchFile.Create(scratchDirectory);
            long length;
            await using (var input = manifest == null ? new MemoryStream(received, writable: false) : blobs.OpenRead(userId, manifest))
            using (var delta = FileDeltaReader.Open(input))
            {
                if (delta.BaseLength != baseLength || !delta.BaseSha256.AsSpan().SequenceEqual(baseSha))
                {
                    copy.Refuse(ds, item, StatusCode.Conflict, "the stored copy is not the delta's base");
                    return;
                }

                await using var source = baseCopy.OpenRead();
                await using var output = result.OpenWrite();
                length = delta.ApplyTo(source, output);
            }

            // A delta always applies to the current copy; in history mode every version is kept.
            await copy.StoreAsync(ds, item, existing, result, AppDataModes.From(item.Type), ct);
            ctx.Logger.LogInformation("{Session}: file delta of '{Luid}' in {Store} applied: {From} to {To} bytes", ctx.Describe(), item.Luid, ds.ServerUri, baseLength, length);
        }
        catch (PimFormatException ex)
        {
            copy.Refuse(ds, item, StatusCode.BadRequest, ex.Message);
        }
    }
}
