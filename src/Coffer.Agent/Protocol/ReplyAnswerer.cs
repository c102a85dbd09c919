using Coffer.Agent.Sources;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Answers a server reply in the client's next message: a Status for the server's SyncHdr and for each of its commands
/// (OMA-TS-SyncML_RepPro-V1_2 §6 "Status": every command but Status is answered unless NoResp), Results for a Get of
/// our DevInf, and applies the server's Add / Replace / Delete to the source, collecting the LUIDs of added items
/// for the Map (OMA-TS-DS_Protocol-V1_2 §5.9). A large object arrives in chunks with MoreData, each answered 213;
/// the last one completes it (OMA-TS-DS_Protocol-V1_2 §6.10): its chunks are decoded and appended to a file in
/// <c>spoolDirectory</c> as they arrive, so a large object never sits in memory whole.
/// </summary>
public sealed class ReplyAnswerer(ISyncSource source, DeviceInfo devInf, string spoolDirectory) : IDisposable
{
    private string? spoolFile;
    private FileStream? spool;
    private string? incomingType;

    // A saved ReceivingPoint names the spool file: it outlives this session for the next run to go on with.
    private bool keepSpool;

    public List<MapItem> PendingMap { get; } = [];

    public int ItemsReceived => Adds + Replaces + Deletes;

    public int Adds { get; private set; }

    public int Replaces { get; private set; }

    public int Deletes { get; private set; }

    public void Answer(ServerReply reply, OutgoingMessage next)
    {
        next.Add(new StatusCommand
        {
            MsgRef = reply.MsgID,
            CmdRef = "0",
            Cmd = "SyncHdr",
            TargetRefs = { reply.Message.Header.Target?.LocURI ?? string.Empty },
            SourceRefs = { reply.Message.Header.Source?.LocURI ?? string.Empty },
            Code = StatusCode.Ok,
        });
        foreach (var command in reply.Commands.Where(c => !c.NoResp))
        {
            switch (command)
            {
                case SyncCommand sync:
                    next.Add(Status(reply, sync, StatusCode.Ok));
                    foreach (var change in sync.Commands.OfType<ItemCommand>())
                    {
                        var code = Apply(change);
                        if (!change.NoResp)
                        {
                            next.Add(Status(reply, change, code));
                        }
                    }

                    break;
                case GetCommand get when get.Items.Any(i => i.Target?.LocURI == SyncMessageBuilder.DevInfUri):
                    next.Add(Status(reply, get, StatusCode.Ok));
                    next.Add(SyncMessageBuilder.DevInfResults(reply.MsgID, get.CmdID, devInf));
                    break;
                default:
                    next.Add(Status(reply, command, StatusCode.Ok));
                    break;
            }
        }
    }

    /// <summary>
    /// What the next run needs to go on receiving from here (<see cref="ReceivingPoint"/>), with <paramref name="next"/>
    /// the message answering the reply just applied. The spool is flushed to the file system first, so the bytes the
    /// point counts are there even if the process is killed next.
    /// </summary>
    public ReceivingPoint Suspend(OutgoingMessage next)
    {
        spool?.Flush();
        keepSpool = spool != null;
        return new ReceivingPoint
        {
            NextMessage = System.Text.Encoding.UTF8.GetString(SyncMLXml.ToUtf8Bytes(next.Message)),
            Spool = spool == null ? null : spoolFile,
            SpoolLength = spool?.Length ?? 0,
            SpoolType = spool == null ? null : incomingType,
            Map = [.. PendingMap.Select(m => new MappedItem(m.Source!.LocURI!, m.Target!.LocURI!))],
            Adds = Adds,
            Replaces = Replaces,
            Deletes = Deletes,
        };
    }

    /// <summary>
    /// Takes up where <paramref name="point"/> left: the Map collected so far and the large object under way, whose spool
    /// file is cut back to the bytes the point acknowledged (a chunk written after them arrives again).
    /// </summary>
    /// <exception cref="IOException">The spool file is gone or shorter than the point says.</exception>
    public void Resume(ReceivingPoint point)
    {
        PendingMap.AddRange(point.Map.Select(m => new MapItem { Source = new SyncLocation(m.Luid), Target = new SyncLocation(m.Guid) }));
        (Adds, Replaces, Deletes) = (point.Adds, point.Replaces, point.Deletes);
        if (point.Spool == null)
        {
            return;
        }

        var file = new FileStream(point.Spool, FileMode.Open, FileAccess.Write, FileShare.None, 1 << 16);
        if (file.Length < point.SpoolLength)
        {
            file.Dispose();
            throw new IOException($"{point.Spool} holds {file.Length} bytes, fewer than the {point.SpoolLength} acknowledged");
        }

        file.SetLength(point.SpoolLength);
        file.Seek(0, SeekOrigin.End);
        (spool, spoolFile, incomingType, keepSpool) = (file, point.Spool, point.SpoolType, true);
    }

    public void Dispose()
    {
        spool?.Dispose();
        spool = null;
        if (!keepSpool)
        {
            DeleteSpool();
        }
    }

    private static StatusCommand Status(ServerReply reply, SyncMLCommand command, int code) => new()
    {
        MsgRef = reply.MsgID,
        CmdRef = command.CmdID,
        Cmd = command.ElementName,
        Code = code,
    };

    // Status codes per OMA-TS-SyncML_RepPro-V1_2 §10: 201 item added, 200 replaced or deleted, 211 item not deleted
    // (not found), 404 not found for a Replace of an unknown LUID, 213 chunk accepted.
    private int Apply(ItemCommand change)
    {
        var item = change.Items.FirstOrDefault();
        if (item == null)
        {
            return StatusCode.BadRequest;
        }

        if (change is not DeleteCommand)
        {
            if (item.Data == null)
            {
                return StatusCode.BadRequest;
            }

            var chunk = ItemContent.Decode(change, item);
            var type = item.Meta?.Type ?? change.Meta?.Type;
            if (!item.MoreData && spool == null)
            {
                return Store(change, item, ItemBody.FromMemory(chunk), ItemNames.NameFrom(type));
            }

            if (spool == null)
            {
                Directory.CreateDirectory(spoolDirectory);
                spoolFile = Path.Combine(spoolDirectory, "incoming-" + Guid.NewGuid().ToString("N") + ".part");
                spool = new FileStream(spoolFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                incomingType = type;
            }

            spool.Write(chunk.Span);
            if (item.MoreData)
            {
                return StatusCode.ChunkedItemAccepted;
            }

            spool.Dispose();
            spool = null;
            keepSpool = false;
            try
            {
                return Store(change, item, ItemBody.FromFile(spoolFile!), ItemNames.NameFrom(incomingType ?? type));
            }
            finally
            {
                DeleteSpool();
            }
        }

        Deletes++;
        return item.Target?.LocURI is { } gone && source.DeleteFromServer(gone) ? StatusCode.Ok : StatusCode.ItemNotDeleted;
    }

    private void DeleteSpool()
    {
        if (spoolFile != null)
        {
            File.Delete(spoolFile);
            spoolFile = null;
        }
    }

    private int Store(ItemCommand change, Item item, ItemBody content, string? name)
    {
        switch (change)
        {
            case AddCommand:
                if (item.Source?.LocURI is not { } guid)
                {
                    return StatusCode.BadRequest;
                }

                Adds++;
                var luid = source.AddFromServer(guid, content, name);
                PendingMap.Add(new MapItem { Source = new SyncLocation(luid), Target = new SyncLocation(guid) });
                return StatusCode.ItemAdded;
            case ReplaceCommand:
                Replaces++;
                return item.Target?.LocURI is { } target && source.ReplaceFromServer(target, content) ? StatusCode.Ok : StatusCode.NotFound;
            default:
                return StatusCode.CommandNotAllowed;
        }
    }
}
