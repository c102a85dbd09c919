using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Package 3: the changes in one Sync per message, each message within the smaller of the client's and the
/// server's MaxMsgSize (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.9); every message but the last goes without Final
/// (OMA-TS-DS_Protocol-V1_2 §8.1). A chunk of a large object travels alone. Reads the status of every change:
/// a 2xx tells the source the change is on the server, anything else leaves it to be sent again next time
/// (420: the user's quota is full). Each status is checked against the LUID it names, so a reply meant for other
/// commands is never taken for ours. A <see cref="ResumeTracker"/>, when given, hears of every reply.
/// </summary>
public sealed class ChangeSender(SyncMessageBuilder builder, ClientSession session, ReplyAnswerer answerer, ISyncSource source, ClientSettings settings, bool numberOfChanges, Action<int, int> progress)
{
    public int Accepted => Added + Replaced + Deleted;

    public int Added { get; private set; }

    public int Replaced { get; private set; }

    public int Deleted { get; private set; }

    public int Refused { get; private set; }

    public int QuotaRefused { get; private set; }

    public ResumeTracker? Tracker { get; init; }

    /// <summary>Binary items go as Format bin (the server announced it, over WBXML).</summary>
    public bool Bin { get; init; }

    /// <summary>Told after every message in which the server accepted a change (the caller saves its state).</summary>
    public Action? Checkpoint { get; init; }

    /// <summary>The room for a change in a message: the smaller MaxMsgSize less the envelope and the statuses answering the server's last reply.</summary>
    public long Room => Math.Min(settings.MaxMsgSize, session.ServerMaxMsgSize ?? settings.MaxMsgSize) - 3_000;

    /// <summary>Sends <paramref name="changes"/>; returns the reply to the last message, the start of package 4.</summary>
    public Task<ServerReply> SendAsync(ServerReply reply, IReadOnlyList<LocalChange> changes, CancellationToken ct) =>
        SendAsync(reply, null, changes, 0, Room, ct);

    /// <summary>
    /// Goes on with package 3 of an interrupted session from <paramref name="point"/>: the first message answers the
    /// SyncHdr of the last reply read; the first change, when the point has an object under way, continues at its
    /// offset; chunks are cut with the room the session had.
    /// </summary>
    public Task<ServerReply> ResumeAsync(ResumePoint point, IReadOnlyList<LocalChange> changes, CancellationToken ct) =>
        SendAsync(null, ResumeTracker.HeaderStatus(point), changes, point.Object?.Offset ?? 0, point.Room, ct);

    private async Task<ServerReply> SendAsync(ServerReply? reply, StatusCommand? headerStatus, IReadOnlyList<LocalChange> changes, long firstFrom, long room, CancellationToken ct)
    {
        var limit = room + 3_000;
        using var pieces = changes.SelectMany((c, i) => ChangeEncoder.Encode(c, source.Datastore, room, i == 0 ? firstFrom : 0, Bin)).GetEnumerator();
        var pending = pieces.MoveNext() ? pieces.Current : null;
        var first = reply != null;
        var done = 0;
        do
        {
            var m = builder.NewMessage();
            if (reply != null)
            {
                answerer.Answer(reply, m);
            }
            else
            {
                m.Add(headerStatus!);
            }

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
            var results = Read(m, reply, sent);
            done += results.Count(r => r.Piece.Last);
            Tracker?.Exchanged(m, reply, session.Url, results);
            if (results.Any(r => r.Piece.Last && r.Code is >= 200 and <= 299))
            {
                Checkpoint?.Invoke();
            }

            progress(done, changes.Count);
        }
        while (pending != null);

        Tracker?.Finished();
        return reply;
    }

    private List<(OutgoingPiece Piece, int Code)> Read(OutgoingMessage m, ServerReply reply, Dictionary<ItemCommand, OutgoingPiece> sent)
    {
        var results = new List<(OutgoingPiece, int)>();
        foreach (var command in m.Changes)
        {
            var piece = sent[command];
            var status = reply.StatusFor(m.MsgID, command.CmdID!)
                ?? throw new SyncProtocolException($"reply to message {m.MsgID}: no Status for {command.ElementName} {command.CmdID}");
            if (status.SourceRefs.Count > 0 && !status.SourceRefs.Any(r => string.Equals(r.Trim(), piece.Change.Luid, StringComparison.Ordinal)))
            {
                throw new SyncProtocolException($"reply to message {m.MsgID}: the Status for {command.ElementName} {command.CmdID} names item {string.Join(",", status.SourceRefs)}, not {piece.Change.Luid}");
            }

            var code = status.Code;
            results.Add((piece, code));
            if (!piece.Last)
            {
                if (code != StatusCode.ChunkedItemAccepted)
                {
                    throw new SyncProtocolException($"reply to message {m.MsgID}: chunk of item {piece.Change.Luid} refused with status {code}") { Status = code };
                }

                continue;
            }

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
                source.Refused(piece.Change, code);
            }
            else
            {
                Refused++;
                source.Refused(piece.Change, code);
            }
        }

        return results;
    }
}
