using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// A parsed reply of the server, read the way a client needs it: the Status of each of our commands, the server's
/// own commands to answer, its sync Alert, its Sync commands, RespURI and MaxMsgSize.
/// </summary>
public sealed class ServerReply
{
    private readonly Dictionary<(string MsgRef, string CmdRef), StatusCommand> statuses = [];

    public ServerReply(SyncMLMessage message)
    {
        Message = message;
        foreach (var status in message.Body.Commands.OfType<StatusCommand>())
        {
            statuses.TryAdd(((status.MsgRef ?? string.Empty).Trim(), (status.CmdRef ?? string.Empty).Trim()), status);
        }
    }

    public SyncMLMessage Message { get; }

    public string MsgID => Message.Header.MsgID ?? string.Empty;

    public bool Final => Message.Body.Final;

    /// <summary>Where the rest of the session goes (OMA-TS-SyncML_RepPro-V1_2 §5.1 RespURI; Coffer adds ?s=TOKEN).</summary>
    public string? RespURI => Message.Header.RespURI;

    /// <summary>The largest message the server accepts, when it said.</summary>
    public long? MaxMsgSize => Message.Header.Meta?.MaxMsgSize;

    /// <summary>Commands of the server that the client must answer with a Status (every one but Status).</summary>
    public IEnumerable<SyncMLCommand> Commands => Message.Body.Commands.Where(c => c is not StatusCommand);

    public IEnumerable<SyncCommand> Syncs => Message.Body.Commands.OfType<SyncCommand>();

    /// <summary>The server's DevInf, when Results in this reply carry it (the answer to our Get); null when absent or unreadable.</summary>
    public DeviceInfo? ServerDevInf()
    {
        var item = Message.Body.Commands.OfType<ResultsCommand>().SelectMany(r => r.Items)
            .FirstOrDefault(i => i.Data != null && (i.Source?.LocURI ?? string.Empty).Contains("devinf", StringComparison.OrdinalIgnoreCase));
        try
        {
            return item == null ? null : DevInfXml.Read(item.Data!.ToElement());
        }
        catch (SyncMLFormatException)
        {
            return null;
        }
    }

    /// <summary>The Status answering our command <paramref name="cmdId"/> of message <paramref name="msgId"/>; CmdRef "0" is our SyncHdr.</summary>
    public StatusCommand? StatusFor(string msgId, string cmdId) => statuses.GetValueOrDefault((msgId, cmdId));

    /// <summary>The server's sync Alert for <paramref name="localDatastore"/> (package 2, OMA-TS-DS_Protocol-V1_2 §5.6).</summary>
    public AlertCommand? SyncAlertFor(string localDatastore) => Message.Body.Commands.OfType<AlertCommand>().FirstOrDefault(a =>
        a.Code is >= 200 and <= 210 && a.Items.Any(i => string.Equals(i.Target?.LocURI, localDatastore, StringComparison.Ordinal)));
}
