using Coffer.SyncML.Dm;
using Coffer.SyncML.Auth;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// Builds one server message (OMA-TS-DM_Protocol-V1_2 §8, OMA-TS-DM_RepPro-V1_2 §6): the header with the server's
/// credential and RespURI, the Statuses for the client's message, then the server's commands with fresh CmdIDs.
/// </summary>
internal sealed class DmReplyBuilder
{
    private readonly SyncMLMessage message = new();
    private readonly DmSessionState state;
    private readonly string msgRef;

    public DmReplyBuilder(DmSessionState state, SyncMLMessage request, string? respUri)
    {
        this.state = state;
        msgRef = request.Header.MsgID ?? "1";
        message.Header = new SyncHdr
        {
            VerDTD = DmVersion.VerDtd,
            VerProto = DmVersion.VerProto,
            SessionID = request.Header.SessionID,
            MsgID = (state.NextMsgId++).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Target = new SyncLocation(request.Header.Source?.LocURI ?? string.Empty, request.Header.Source?.LocName),
            Source = new SyncLocation(request.Header.Target?.LocURI ?? state.ServerUrl),
            RespURI = respUri,
        };
    }

    public SyncMLMessage Message => message;

    /// <summary>Whether a command (not a Status) is in the message.</summary>
    public bool HasCommands => message.Body.Commands.Any(c => c is not StatusCommand);

    /// <summary>Rough size of the commands so far (for MaxMsgSize, OMA-TS-DM_Protocol-V1_2 §8.7).</summary>
    public long EstimatedBytes { get; private set; } = 600;

    public void SetCredential(Cred cred) => message.Header.Cred = cred;

    public void SetMaxMsgSize(long size) => message.Header.Meta = new MetInf { MaxMsgSize = size };

    public StatusCommand HeaderStatus(int code, string? nextNonce)
    {
        var status = new StatusCommand
        {
            MsgRef = msgRef,
            CmdRef = "0",
            Cmd = "SyncHdr",
            Code = code,
            Chal = nextNonce == null ? null : new Chal { Meta = new MetInf { Type = AuthTypes.Md5, Format = DmFormat.B64, NextNonce = nextNonce } },
        };
        status.TargetRefs.Add(message.Header.Source!.LocURI ?? string.Empty);
        status.SourceRefs.Add(message.Header.Target!.LocURI ?? string.Empty);
        Append(status);
        return status;
    }

    public void Status(SyncMLCommand command, int code, string? targetRef = null, string? sourceRef = null)
    {
        var status = new StatusCommand { MsgRef = msgRef, CmdRef = command.CmdID, Cmd = command.ElementName, Code = code };
        if (targetRef != null)
        {
            status.TargetRefs.Add(targetRef);
        }

        if (sourceRef != null)
        {
            status.SourceRefs.Add(sourceRef);
        }

        Append(status);
    }

    /// <summary>Adds a server command with the next CmdID; returns that id.</summary>
    public string Command(SyncMLCommand command, long bytes = 0)
    {
        EstimatedBytes += 200 + bytes;
        Append(command);
        return command.CmdID!;
    }

    /// <summary>Adds <paramref name="command"/> inside <paramref name="container"/> (already in the message) with the next CmdID; returns that id.</summary>
    public string Nested(ContainerCommand container, SyncMLCommand command, long bytes = 0)
    {
        EstimatedBytes += 200 + bytes;
        command.CmdID = (state.NextCmdId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        container.Commands.Add(command);
        return command.CmdID;
    }

    /// <summary>Final: the last message of the server's package (§8.1); left out while a large object continues.</summary>
    public void SetFinal(bool final) => message.Body.Final = final;

    private void Append(SyncMLCommand command)
    {
        command.CmdID = (state.NextCmdId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        message.Body.Commands.Add(command);
    }
}
