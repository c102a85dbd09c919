using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Large objects to the client (OMA-TS-DS_Protocol-V1_2 §6.10): an item too big for any message goes out in chunks, one
/// per message, the first announcing its Size. The session keeps only where the transfer is; each message reads the
/// object again from the store at the version the first chunk came from.
/// </summary>
internal sealed class LargeObjectSender(MessageContext ctx, ContentHandlers handlers, DeviceInfoExchange devInf, SentCommands sent)
{
    // Room kept free in every message for the closing elements and status growth.
    private const long SafetyMargin = ServerPackageBuilder.SafetyMargin;

    private SessionState State => ctx.State;

    /// <summary>Starts sending <paramref name="data"/> of <paramref name="item"/> in chunks; the first goes into <paramref name="sync"/>.</summary>
    public void Start(DatastoreSession ds, SyncCommand sync, ItemCommand command, StoredItem item, string? luid, OutgoingData data)
    {
        var text = ChunkText(data);
        State.Outgoing = new OutgoingChunk
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
    /// Starts sending a blob (a version holding a manifest) in chunks of b64, each read from the blob store by range: at
    /// most one blob chunk of it is in memory whatever its size. The first goes into <paramref name="sync"/>.
    /// </summary>
    public async Task StartBlobAsync(DatastoreSession ds, SyncCommand sync, ItemCommand command, StoredItem item, string? luid, BlobManifest manifest, CancellationToken ct)
    {
        State.Outgoing = new OutgoingChunk
        {
            ClientUri = ds.ClientUri,
            Guid = item.Id,
            Op = command.ElementName,
            Luid = luid,
            ContentType = item.ContentType,
            Sequence = item.Sequence,
            Version = item.Version,
            TotalSize = manifest.Size,
            Base64 = true,
            Blob = true,
            Bin = State.ClientBinData && State.Wbxml,
        };
        ds.LastSentSequence = item.Sequence;
        await AddBlobChunkAsync(sync, manifest, first: true, ct);
    }

    /// <summary>Sends the next chunk of the large object in progress; false when the message is full afterwards.</summary>
    public async Task<bool> ContinueAsync(CancellationToken ct)
    {
        var chunk = State.Outgoing!;
        var ds = State.FindByClientUri(chunk.ClientUri)!;
        var items = ctx.Uow.Items;
        var item = (await items.GetAsync(ds.DatastoreId, [chunk.Guid], true, ct)).FirstOrDefault();
        var content = item?.Version == chunk.Version
            ? item.Content
            : (await items.GetVersionsAsync(ds.DatastoreId, chunk.Guid, ct)).FirstOrDefault(v => v.Version == chunk.Version)?.Content;
        if (content == null)
        {
            ctx.Logger.LogWarning("{Session}: large object {Item} version {Version} is gone; its transfer stops", ctx.Describe(), chunk.Guid, chunk.Version);
            State.Outgoing = null;
            return true;
        }

        var sync = new SyncCommand { Target = new SyncLocation(ds.ClientUri), Source = new SyncLocation(ds.ServerUri) };
        if (chunk.Blob)
        {
            ctx.Reply.Add(sync, 200);
            await AddBlobChunkAsync(sync, BlobManifest.Parse(content), first: false, ct);
            return State.Outgoing == null;
        }

        var text = ChunkText(OutgoingData.For(ds, content, chunk.ContentType, handlers.For(ds.Kind, ds.SendType), await devInf.CapsAsync(ds, ct)));
        ctx.Reply.Add(sync, 200);
        AddChunk(sync, text, first: false);
        return State.Outgoing == null;
    }

    /// <summary>The text of a large object as its chunks carry it.</summary>
    private string ChunkText(OutgoingData data) =>
        data.Base64 || State.Wbxml
            ? data.Text

            // An XML parser hands the device every CRLF (and lone CR) as LF (XML 1.0 §2.11), so the object the device
            // reassembles has LF line ends: Size must count those (§6.10, else 424), and a chunk boundary must not
            // split a CRLF pair. WBXML carries the string as it is.
            : data.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private void AddChunk(SyncCommand sync, string data, bool first)
    {
        var chunk = State.Outgoing!;
        var room = Room(chunk);
        var take = chunk.Base64
            ? ChunkBoundaries.TakeBase64(data.Length - chunk.Offset, room)
            : ChunkBoundaries.AvoidWhitespaceEdge(data, chunk.Offset, ChunkBoundaries.TakeBytes(data, chunk.Offset, room));
        var piece = data.Substring(chunk.Offset, take);
        chunk.Offset += take;
        Emit(sync, ItemData.FromText(piece), ReplyBuilder.EstimateItem(piece, chunk.Guid + chunk.Luid), first, last: chunk.Offset >= data.Length);
    }

    /// <summary>The next piece of a blob: whole 4-character b64 groups, so each piece decodes on its own, read by byte range.</summary>
    private async Task AddBlobChunkAsync(SyncCommand sync, BlobManifest manifest, bool first, CancellationToken ct)
    {
        var chunk = State.Outgoing!;
        var totalChars = (manifest.Size + 2) / 3 * 4;

        // In bin a piece of room/4*3 bytes counts as room b64 characters, so the offset stays in one unit.
        var room = chunk.Bin ? Room(chunk) / 3 * 4 : Room(chunk);
        var take = ChunkBoundaries.TakeBase64((int)Math.Min(int.MaxValue, totalChars - chunk.BlobOffset), room);
        var start = chunk.BlobOffset / 4 * 3;
        var count = (int)Math.Min(take / 4 * 3, manifest.Size - start);
        var bytes = new byte[count];
        await new BlobStore(ctx.Uow).ReadAsync(ctx.User.Id, manifest, start, bytes, ct);

        chunk.BlobOffset += take;
        var uris = chunk.Guid + chunk.Luid;
        if (chunk.Bin)
        {
            Emit(sync, ItemData.FromBytes(bytes), ReplyBuilder.EstimateItem(null, uris) + bytes.Length, first, last: chunk.BlobOffset >= totalChars);
            return;
        }

        var b64 = Convert.ToBase64String(bytes);
        Emit(sync, ItemData.FromText(b64), ReplyBuilder.EstimateItem(b64, uris), first, last: chunk.BlobOffset >= totalChars);
    }

    private int Room(OutgoingChunk chunk) =>
        (int)(Math.Max(1024, ctx.Reply.Remaining - SafetyMargin - ReplyBuilder.EstimateItem(null, chunk.Guid + chunk.Luid)) / 1.1);

    private void Emit(SyncCommand sync, ItemData piece, long estimate, bool first, bool last)
    {
        var chunk = State.Outgoing!;
        var ds = State.FindByClientUri(chunk.ClientUri)!;
        var reply = ctx.Reply;
        ItemCommand command = chunk.Op == "Add" ? new AddCommand() : new ReplaceCommand();
        command.Meta = new MetInf { Type = chunk.ContentType, Format = chunk.Bin ? BinItemData.Format : chunk.Base64 ? "b64" : null };
        var item = new Item { Data = piece, MoreData = !last };
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
            // The first chunk announces the object's total size (§6.10).
            item.Meta = new MetInf { Size = chunk.TotalSize };
        }

        command.Items.Add(item);
        command.CmdID = reply.NextCmdId();
        sync.Commands.Add(command);
        reply.AccountNested(estimate);
        var stored = new StoredItem(chunk.Guid, ctx.User.Id, ds.DatastoreId, chunk.Version, chunk.Sequence, false, chunk.ContentType, null, null, chunk.TotalSize, default, default, string.Empty);
        sent.Track(ds, command, stored, chunk.Luid, chunk: !last);
        if (last)
        {
            State.Outgoing = null;
        }
    }
}
