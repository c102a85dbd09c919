using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Large objects from the client (OMA-TS-DS_Protocol-V1_2 §6.10): each chunk goes to the store as it arrives and is
/// acknowledged with 213; the last one completes the item. The session record keeps only how far the object is, never
/// its data. The announced Size and MaxObjSize hold at every chunk: an object that outgrows either is refused there
/// (424 Size mismatch, 413) and what came of it is dropped.
/// </summary>
internal sealed class LargeObjectReceiver(MessageContext ctx, long maxObjSize)
{
    /// <summary>The whole object once its last chunk arrived; null while more is to come or when it was refused.</summary>
    public async Task<byte[]?> ReceiveAsync(DatastoreSession ds, ClientItem clientItem, Item item, byte[]? data, CancellationToken ct)
    {
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

            if (declared > maxObjSize)
            {
                ctx.Respond(command, StatusCode.RequestEntityTooLarge, target, luid);
                return null;
            }

            state.Incoming = new IncomingChunk { ClientUri = ds.ClientUri, Op = command.ElementName, SourceUri = luid, TargetUri = target, DeclaredSize = declared };
        }

        var incoming = state.Incoming;
        var bytes = data ?? [];
        await ctx.Uow.Sessions.AppendChunkAsync(ctx.Token!, bytes, ct);
        var received = incoming.ReceivedBytes += bytes.Length;

        // XML reading turns CRLF into LF (XML 1.0 §2.11), so an honest object arrives at or under its Size, never over.
        var limit = Math.Min(incoming.DeclaredSize ?? maxObjSize, maxObjSize);
        if (received > limit)
        {
            state.Incoming = null;
            await ctx.Uow.Sessions.DeleteChunksAsync(ctx.Token!, ct);
            ctx.Respond(command, received > maxObjSize ? StatusCode.RequestEntityTooLarge : StatusCode.SizeMismatch, target, luid);
            ctx.Logger.LogWarning("{Session}: large object '{Luid}' announced {Declared} bytes and sent {Received} so far; refused", ctx.Describe(), luid, incoming.DeclaredSize, received);
            return null;
        }

        if (item.MoreData)
        {
            ctx.Respond(command, StatusCode.ChunkedItemAccepted, target, luid);
            return null;
        }

        state.Incoming = null;
        var complete = await ctx.Uow.Sessions.TakeChunksAsync(ctx.Token!, ct);

        // A sender counts the bytes it had, with CRLF: accept either count.
        var size = complete.Length;
        var crlfSize = size + complete.Count(c => c == '\n') - complete.Count(c => c == '\r');
        if (incoming.DeclaredSize != size && incoming.DeclaredSize != crlfSize)
        {
            ctx.Respond(command, StatusCode.SizeMismatch, target, luid);
            ctx.Logger.LogWarning("{Session}: large object '{Luid}' announced {Declared} bytes, received {Size}", ctx.Describe(), luid, incoming.DeclaredSize, size);
            return null;
        }

        return complete;
    }
}
