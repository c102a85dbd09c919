using System.Text;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Builds one reply message: allocates CmdIDs (unique within the message, OMA-TS-SyncML_RepPro-V1_2 §5.1.2) and keeps
/// a conservative estimate of the encoded size so the server never exceeds the client's MaxMsgSize (§5.2.9, MetInf).
/// The estimate is of the XML form; WBXML is always smaller.
/// </summary>
public sealed class ReplyBuilder
{
    // SyncHdr with RespURI and Meta, the SyncML/SyncBody wrappers and Final, as XML.
    private const int HeaderOverhead = 900;
    private const int StatusOverhead = 260;
    private const int ItemCommandOverhead = 420;

    private int nextCmdId = 1;

    public ReplyBuilder(SyncMLMessage message, long maxMsgSize)
    {
        Message = message;
        MaxMsgSize = maxMsgSize;
        EstimatedSize = HeaderOverhead;
    }

    public SyncMLMessage Message { get; }

    public long MaxMsgSize { get; }

    public long EstimatedSize { get; private set; }

    /// <summary>Bytes still free for commands, keeping a margin for the closing elements.</summary>
    public long Remaining => MaxMsgSize - EstimatedSize;

    public string NextCmdId() => (nextCmdId++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public StatusCommand AddStatus(string? msgRef, string? cmdRef, string cmd, int code, string? targetRef = null, string? sourceRef = null)
    {
        var status = new StatusCommand
        {
            CmdID = NextCmdId(),
            MsgRef = msgRef,
            CmdRef = cmdRef,
            Cmd = cmd,
            Code = code,
        };
        if (targetRef != null)
        {
            status.TargetRefs.Add(targetRef);
        }

        if (sourceRef != null)
        {
            status.SourceRefs.Add(sourceRef);
        }

        Add(status, StatusOverhead + (targetRef?.Length ?? 0) + (sourceRef?.Length ?? 0));
        return status;
    }

    /// <summary>Adds a command; <paramref name="estimate"/> is its encoded size (see <see cref="EstimateItem"/>).</summary>
    public void Add(SyncMLCommand command, long estimate)
    {
        command.CmdID ??= NextCmdId();
        Message.Body.Commands.Add(command);
        EstimatedSize += estimate;
    }

    /// <summary>Accounts for a command added inside a container (a Sync) that is already in the message.</summary>
    public void AccountNested(long estimate) => EstimatedSize += estimate;

    /// <summary>Estimated XML size of an item command carrying <paramref name="data"/> (escaping can grow text ~10%).</summary>
    public static long EstimateItem(string? data, string? uris) =>
        ItemCommandOverhead + (uris?.Length ?? 0) + (data == null ? 0 : (long)(Encoding.UTF8.GetByteCount(data) * 1.1));

    /// <summary>True when only the SyncHdr status is in the message so far.</summary>
    public bool HasOnlyHeaderStatus => Message.Body.Commands.Count <= 1;
}
