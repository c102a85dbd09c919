using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Package 3: the changes in one Sync per message, each message within the smaller of the client's and the
/// server's MaxMsgSize (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.9); every message but the last goes without Final
/// (OMA-TS-DS_Protocol-V1_2 §8.1). A chunk of a large object travels alone. Reads the status of every change:
/// a 2xx tells the source the change is on the server, anything else leaves it to be sent again next time
/// (420: the user's quota is full).
/// </summary>
public sealed class ChangeSender(SyncMessageBuilder builder, ClientSession session, ReplyAnswerer answerer, ISyncSource source, ClientSettings settings, bool numberOfChanges, Action<int, int> progress)
{
    public int Accepted => Added + Replaced + Deleted;

    public int Added { get; private set; }

    public int Replaced { get; private set; }

    public int Deleted { get; private set; }

    public int Refused { get; private set; }

    public int QuotaRefused { get; private set; }

    /// <summary>Sends <paramref name="changes"/>; returns the reply to the last message, the start of package 4.</summary>
    public async Task<ServerReply> SendAsync(ServerReply reply, IReadOnlyList<LocalChange> changes, CancellationToken ct)
    {
        var limit = Math.Min(settings.MaxMsgSize, session.ServerMaxMsgSize ?? settings.MaxMsgSize);

        // Room for a change beside the envelope and the statuses answering the server's last reply.
        var room = limit - 3_000;
        using var pieces = changes.SelectMany(c => ChangeEncoder.Encode(c, source.Datastore, room)).GetEnumerator();
        var pending = pieces.MoveNext() ? pieces.Current : null;
        var first = true;
        var done = 0;
        do
        {
            var m = builder.NewMessage();
            answerer.Answer(reply, m);
            var sync = builder.Sync(first && numberOfChanges ? changes.Count : null);
            m.Add(sync);
            var sent = new Dictionary<ItemCommand, OutgoingPiece>();
            while (pending != null)
            {
                // A chunk that is not the last of its object travels alone: the server answers 213 before the next.
                if (sync.Commands.Count > 0 && (m.EstimatedSize + pending.Size > limit || !pending.Last))
                {
                    break;
                }

                var added = pending;
                m.AddToSync(sync, added.Command, added.Size);
                sent[added.Command] = added;
                pending = pieces.MoveNext() ? pieces.Current : null;
                if (!added.Last)
                {
                    break;
                }
            }

            m.Final = pending == null;
            first = false;
            reply = await session.ExchangeAsync(m, ct).ConfigureAwait(false);
            done += Read(m, reply, sent);
            progress(done, changes.Count);
        }
        while (pending != null);

        return reply;
    }

    private int Read(OutgoingMessage m, ServerReply reply, Dictionary<ItemCommand, OutgoingPiece> sent)
    {
        var completed = 0;
        foreach (var command in m.Changes)
        {
            var piece = sent[command];
            var code = reply.StatusFor(m.MsgID, command.CmdID!)?.Code
                ?? throw new SyncProtocolException($"reply to message {m.MsgID}: no Status for {command.ElementName} {command.CmdID}");
            if (!piece.Last)
            {
                if (code != StatusCode.ChunkedItemAccepted)
                {
                    throw new SyncProtocolException($"reply to message {m.MsgID}: chunk of item {piece.Change.Luid} refused with status {code}") { Status = code };
                }

                continue;
            }

            completed++;
            if (code is >= 200 and <= 299)
            {
                source.Acknowledged(piece.Change);
                switch (piece.Change.Kind)
                {
                    case ChangeKind.Add:
                        Added++;
                        break;
                    case ChangeKind.Replace:
                        Replaced++;
                        break;
                    default:
                        Deleted++;
                        break;
                }
            }
            else if (code == StatusCode.DeviceFull)
            {
                QuotaRefused++;
            }
            else
            {
                Refused++;
            }
        }

        return completed;
    }
}
