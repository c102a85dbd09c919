using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// One message the client is building: numbers its commands (CmdID unique within the message,
/// OMA-TS-SyncML_RepPro-V1_2 §5.1.5), remembers which of them the server must answer with a Status, and keeps a
/// conservative estimate of the encoded size so the client can honour MaxMsgSize (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.9).
/// </summary>
public sealed class OutgoingMessage
{
    // SyncML envelope and SyncHdr with Cred and Meta, as XML (about 700 bytes); WBXML is smaller, so XML sizes are a safe
    // upper bound for both encodings.
    private const int EnvelopeBytes = 900;

    private readonly List<SyncMLCommand> awaiting = [];
    private readonly List<ItemCommand> changes = [];
    private int cmdId;

    public OutgoingMessage(SyncMLMessage message)
    {
        Message = message;
        EstimatedSize = EnvelopeBytes;
    }

    public SyncMLMessage Message { get; }

    public string MsgID => Message.Header.MsgID ?? string.Empty;

    /// <summary>Commands that need a Status in the server's reply (everything but Status itself, §6 "Status").</summary>
    public IReadOnlyList<SyncMLCommand> AwaitingStatus => awaiting;

    /// <summary>The changes inside this message's Sync, whose statuses the caller reads itself.</summary>
    public IReadOnlyList<ItemCommand> Changes => changes;

    public long EstimatedSize { get; private set; }

    public bool Final
    {
        get => Message.Body.Final;
        set => Message.Body.Final = value;
    }

    public void Add(SyncMLCommand command)
    {
        Number(command);
        Message.Body.Commands.Add(command);
    }

    /// <summary>Adds a change inside a Sync already in this message; <paramref name="size"/> is its <see cref="Estimate"/>.</summary>
    public void AddToSync(SyncCommand sync, ItemCommand change, long size)
    {
        Number(change, size);
        awaiting.Remove(change);
        changes.Add(change);
        sync.Commands.Add(change);
    }

    /// <summary>
    /// The command's size as XML, written alone. Standing alone it repeats its namespace declarations, which a message
    /// states once, so this is a little above what the command adds to the message. CR written as "&amp;#13;" (the XML
    /// writer keeps CR through parsers that way) is counted as such.
    /// </summary>
    public static long Estimate(SyncMLCommand command)
    {
        var xml = SyncMLXml.WriteCommand(command, SyncMLVersion.V1_2).ToString(SaveOptions.DisableFormatting);
        return Encoding.UTF8.GetByteCount(xml) + (xml.Count(c => c == '\r') * 5L);
    }

    private void Number(SyncMLCommand command, long? size = null)
    {
        command.CmdID = (++cmdId).ToString(CultureInfo.InvariantCulture);
        EstimatedSize += size ?? Estimate(command);
        if (command is not StatusCommand && !command.NoResp)
        {
            awaiting.Add(command);
        }
    }
}
