using System.Globalization;
using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Keeps a session's <see cref="ResumePoint"/> up to date while package 3 goes out: after every reply, which changes
/// the server accepted and how far the large object under way is. A point is saved only where the next message can
/// be rebuilt exactly (the reply asked nothing of us but the Status of its SyncHdr, and an unfinished object is a file
/// read in chunks); elsewhere the saved point is removed, and an interruption there starts a new session.
/// </summary>
public sealed class ResumeTracker(ResumePoint point, Action<ResumePoint?> save, TimeProvider time)
{
    public ResumePoint Point => point;

    /// <summary>Records the reply to <paramref name="message"/>: what each of its changes got.</summary>
    public void Exchanged(OutgoingMessage message, ServerReply reply, Uri url, IEnumerable<(OutgoingPiece Piece, int Code)> results)
    {
        var resumable = reply.Commands.All(c => c.NoResp);
        foreach (var (piece, code) in results)
        {
            if (piece.Last)
            {
                point.Object = null;
                if (code is >= 200 and <= 299)
                {
                    point.Accepted.Add(piece.Change.Luid);
                }

                continue;
            }

            var change = piece.Change;
            if (piece.ContentEnd <= 0 || change.Path == null || change.Sha256 == null || change.Content == null)
            {
                resumable = false;
                continue;
            }

            point.Object = new ResumedObject
            {
                Luid = change.Luid,
                Kind = change.Kind,
                Path = change.Path,
                ContentType = change.ContentType,
                Sha256 = change.Sha256,
                Length = change.Content.Length,
                Modified = change.Content.Modified,
                Offset = piece.ContentEnd,
            };
        }

        point.LastMsgId = int.Parse(message.MsgID, CultureInfo.InvariantCulture);
        point.Url = url.ToString();
        point.ReplyTarget = reply.Message.Header.Target?.LocURI ?? string.Empty;
        point.ReplySource = reply.Message.Header.Source?.LocURI ?? string.Empty;
        point.Saved = time.GetUtcNow();
        save(resumable ? point : null);
    }

    /// <summary>Package 3 is over (or the session failed where it cannot be resumed): nothing to resume.</summary>
    public void Finished() => save(null);

    /// <summary>The Status for the SyncHdr of the reply the point was saved after: the first command of the next message.</summary>
    public static StatusCommand HeaderStatus(ResumePoint point) => new()
    {
        MsgRef = point.LastMsgId.ToString(CultureInfo.InvariantCulture),
        CmdRef = "0",
        Cmd = "SyncHdr",
        TargetRefs = { point.ReplyTarget },
        SourceRefs = { point.ReplySource },
        Code = StatusCode.Ok,
    };
}
