using Coffer.Storage;
using Coffer.Sync.Sessions;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Our Add, Replace and Delete commands awaiting the client's Status, kept in the session state by "msgId/cmdId"
/// (OMA-TS-SyncML_RepPro-V1_2 §5.4), and the per-datastore counts of what was sent.
/// </summary>
internal sealed class SentCommands(MessageContext ctx)
{
    /// <param name="chunk">a non-final chunk of a large object (the item is counted with its last chunk)</param>
    public void Track(DatastoreSession ds, ItemCommand command, StoredItem item, string? luid, bool chunk)
    {
        ctx.State.Outstanding[ctx.Reply.Message.Header.MsgID + "/" + command.CmdID] = new OutstandingCommand
        {
            ClientUri = ds.ClientUri,
            Guid = item.Id,
            Op = command.ElementName,
            Sequence = item.Sequence,
            Version = item.Version,
            Luid = luid,
            Chunk = chunk,
        };
        switch (command)
        {
            case AddCommand:
                ds.ServerAdds += chunk ? 0 : 1;
                break;
            case ReplaceCommand:
                ds.ServerReplaces += chunk ? 0 : 1;
                break;
            case DeleteCommand:
                ds.ServerDeletes++;
                break;
        }
    }
}
