using Coffer.Storage;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Large objects from the client (OMA-TS-DS_Protocol-V1_2 §6.10): each chunk goes to the store as it arrives and is
/// acknowledged with 213; the last one completes the item. The session record keeps only how far the object is, never
/// its data. The announced Size and MaxObjSize hold at every chunk: an object that outgrows either is refused there
/// (424 Size mismatch, 413) and what came of it is dropped. In a datastore of blobs (mail, SMS, photos, files) the
/// object goes into the blob store a whole blob chunk at a time as it arrives, up to <c>maxBlobSize</c>; the bytes
/// short of the next whole chunk wait in the session's chunk rows.
/// </summary>
internal sealed class LargeObjectReceiver(MessageContext ctx, long maxObjSize, long maxBlobSize)
{
    /// <summary>The whole object once its last chunk arrived; null while more is to come or when it was refused.</summary>
    public async Task<ReceivedObject?> ReceiveAsync(DatastoreSession ds, ClientItem clientItem, Item item, byte[]? data, CancellationToken ct)
    {
        var blobs = BlobKinds.Holds(ds.Kind) ? new BlobStore(ctx.Uow) : null;
        var maxSize = blobs == null ? maxObjSize : maxBlobSize;
        var state = ctx.State;
        var (command, luid, target) = (clientItem.Command, clientItem.Luid, clientItem.TargetUri);
        if (state.Incoming == null)
        {
            var declared = item.Meta?.Size ?? command.Meta?.Size;
            if (declared == null)
            {
                ctx.Respond(command, StatusCode.SizeRequired, target, luid);
                return null;
            }

            if (declared > maxSize)
            {
                ctx.Respond(command, StatusCode.RequestEntityTooLarge, target, luid);
                return null;
            }

            state.Incoming = new IncomingChunk { ClientUri = ds.ClientUri, Op = command.ElementName, SourceUri = luid, TargetUri = target, DeclaredSize = declared, BlobChunks = blobs == null ? null : [] };
        }

        var incoming = state.Incoming;
        var bytes = data ?? [];

        // Bytes that complete a blob chunk go straight to the blob store; only the rest waits in the chunk rows.
        var fill = blobs != null && incoming.BlobChunks != null && (incoming.Buffered + bytes.Length >= blobs.ChunkSize || !item.MoreData);
        if (!fill)
        {
            await ctx.Uow.Sessions.AppendChunkAsync(ctx.Token!, bytes, ct);
        }

        var received = incoming.ReceivedBytes += bytes.Length;
        incoming.Buffered += bytes.Length;
        incoming.LineFeeds += bytes.AsSpan().Count((byte)'\n');
        incoming.CarriageReturns += bytes.AsSpan().Count((byte)'\r');

        // XML reading turns CRLF into LF (XML 1.0 §2.11), so an honest object arrives at or under its Size, never over.
        var limit = Math.Min(incoming.DeclaredSize ?? maxSize, maxSize);
        if (received > limit)
        {
            state.Incoming = null;
            await ctx.Uow.Sessions.DeleteChunksAsync(ctx.Token!, ct);
            ctx.Respond(command, received > maxSize ? StatusCode.RequestEntityTooLarge : StatusCode.SizeMismatch, target, luid);
            ctx.Logger.LogWarning("{Session}: large object '{Luid}' announced {Declared} bytes and sent {Received} so far; refused", ctx.Describe(), luid, incoming.DeclaredSize, received);
            return null;
        }

        if (fill)
        {
            await FillBlobChunksAsync(blobs!, incoming, bytes, last: !item.MoreData, ct);
        }

        if (item.MoreData)
        {
            ctx.Respond(command, StatusCode.ChunkedItemAccepted, target, luid);
            return null;
        }

        state.Incoming = null;
        var complete = incoming.BlobChunks == null ? await ctx.Uow.Sessions.TakeChunksAsync(ctx.Token!, ct) : [];

        // A sender counts the bytes it had, with CRLF: accept either count.
        var size = incoming.ReceivedBytes;
        var crlfSize = size + incoming.LineFeeds - incoming.CarriageReturns;
        if (incoming.DeclaredSize != size && incoming.DeclaredSize != crlfSize)
        {
            ctx.Respond(command, StatusCode.SizeMismatch, target, luid);
            ctx.Logger.LogWarning("{Session}: large object '{Luid}' announced {Declared} bytes, received {Size}", ctx.Describe(), luid, incoming.DeclaredSize, size);
            return null;
        }

        return incoming.BlobChunks == null
            ? new ReceivedObject(complete, null)
            : new ReceivedObject([], new BlobManifest(size, blobs!.ChunkSize, [.. incoming.BlobChunks.Select(Convert.FromHexString)]));
    }

    /// <summary>
    /// Moves every whole blob chunk of what waits in the session's chunk rows followed by <paramref name="arrived"/> into
    /// the blob store (and at the end the rest); at most one blob chunk and one message's data are in memory.
    /// </summary>
    private async Task FillBlobChunksAsync(BlobStore blobs, IncomingChunk incoming, byte[] arrived, bool last, CancellationToken ct)
    {
        var rows = await ctx.Uow.Sessions.TakeChunksAsync(ctx.Token!, ct);
        var waiting = rows.Length == 0 ? arrived : [.. rows, .. arrived];
        var at = 0;
        while (waiting.Length - at >= blobs.ChunkSize || (last && at < waiting.Length))
        {
            var take = Math.Min(blobs.ChunkSize, waiting.Length - at);
            var name = await blobs.PutChunkAsync(ctx.User.Id, waiting.AsMemory(at, take), ct);
            incoming.BlobChunks!.Add(Convert.ToHexStringLower(name));
            at += take;
        }

        if (at < waiting.Length)
        {
            await ctx.Uow.Sessions.AppendChunkAsync(ctx.Token!, waiting.AsMemory(at), ct);
        }

        incoming.Buffered = waiting.Length - at;
    }
}
