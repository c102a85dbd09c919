using System.Globalization;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// The whole answer to a message that is not let in (no or wrong credentials, not the session's owner, over a limit,
/// ambiguous): one Status for its SyncHdr, an optional challenge and a line saying why, and Final. None of its commands
/// is looked at, so the answer costs the same whatever the message holds.
/// </summary>
internal static class HeaderReply
{
    public static SyncMLMessage Build(SyncMLMessage incoming, string endpointUrl, int code, Chal? chal, string? reason, int serverMsgId = 1)
    {
        var header = incoming.Header;
        var reply = new SyncMLMessage { Version = incoming.Version };
        reply.Header.VerDTD = header.VerDTD ?? (incoming.Version == SyncMLVersion.V1_1 ? "1.1" : "1.2");
        reply.Header.VerProto = header.VerProto ?? (incoming.Version == SyncMLVersion.V1_1 ? "SyncML/1.1" : "SyncML/1.2");
        reply.Header.SessionID = header.SessionID;
        reply.Header.MsgID = serverMsgId.ToString(CultureInfo.InvariantCulture);
        reply.Header.Target = new SyncLocation(header.Source?.LocURI ?? string.Empty, header.Source?.LocName);
        reply.Header.Source = new SyncLocation(header.Target?.LocURI ?? endpointUrl);
        var status = new StatusCommand
        {
            CmdID = "1",
            MsgRef = header.MsgID?.Trim() ?? string.Empty,
            CmdRef = "0",
            Cmd = "SyncHdr",
            Code = code,
            Chal = chal,
        };
        if (header.Target?.LocURI is { } target)
        {
            status.TargetRefs.Add(target);
        }

        if (header.Source?.LocURI is { } source)
        {
            status.SourceRefs.Add(source);
        }

        if (reason != null)
        {
            // Status may carry an Item with further information (OMA-TS-SyncML_RepPro-V1_2 §6.6.16, Status).
            status.Items.Add(new Item { Data = ItemData.FromText(reason) });
        }

        reply.Body.Commands.Add(status);
        reply.Body.Final = true;
        return reply;
    }
}
