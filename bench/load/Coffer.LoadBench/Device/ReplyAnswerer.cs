using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.LoadBench.Device;

/// <summary>
/// Answers a server reply in the phone's next message: a Status for the server's SyncHdr and for each of its commands
/// (OMA-TS-SyncML_RepPro-V1_2 §6 "Status": every command but Status is answered unless NoResp), Results for a Get of
/// our DevInf, and applies the server's Add / Replace / Delete to the address book, collecting the LUIDs of added
/// items for the Map (OMA-TS-DS_Protocol-V1_2 §5.9).
/// </summary>
public sealed class ReplyAnswerer(ContactBook book, DeviceInfo devInf)
{
    public List<MapItem> PendingMap { get; } = [];

    public int ItemsReceived { get; private set; }

    public void Answer(ServerReply reply, OutgoingMessage next)
    {
        next.Add(new StatusCommand
        {
            MsgRef = reply.MsgID,
            CmdRef = "0",
            Cmd = "SyncHdr",
            TargetRefs = { reply.Message.Header.Target?.LocURI ?? string.Empty },
            SourceRefs = { reply.Message.Header.Source?.LocURI ?? string.Empty },
            Code = 200,
        });
        foreach (var command in reply.Commands.Where(c => !c.NoResp))
        {
            switch (command)
            {
                case SyncCommand sync:
                    next.Add(Status(reply, sync, 200));
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
                    next.Add(Status(reply, get, 200));
                    next.Add(SyncMessageBuilder.DevInfResults(reply.MsgID, get.CmdID, devInf));
                    break;
                default:
                    next.Add(Status(reply, command, 200));
                    break;
            }
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
    // (not found), 404 not found for a Replace of an unknown LUID.
    private int Apply(ItemCommand change)
    {
        var item = change.Items.FirstOrDefault();
        if (item == null)
        {
            return 400;
        }

        ItemsReceived++;
        switch (change)
        {
            case AddCommand:
                var guid = item.Source?.LocURI;
                if (guid == null || item.Data == null)
                {
                    return 400;
                }

                var luid = book.StoreFromServer(item.Data.ToString());
                PendingMap.Add(new MapItem { Source = new SyncLocation(luid), Target = new SyncLocation(guid) });
                return 201;
            case ReplaceCommand:
                return item.Target?.LocURI is { } target && item.Data != null && book.UpdateFromServer(target, item.Data.ToString()) ? 200 : 404;
            case DeleteCommand:
                return item.Target?.LocURI is { } gone && book.RemoveFromServer(gone) ? 200 : 211;
            default:
                return 406;
        }
    }
}
