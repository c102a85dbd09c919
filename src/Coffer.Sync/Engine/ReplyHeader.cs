using System.Globalization;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// The header of our reply (OMA-TS-SyncML_RepPro-V1_2 §5.1): the client's version, session and addresses mirrored, our
/// next MsgID, our limits, and the size limit the reply itself must keep (the client's MaxMsgSize, §5.2.9).
/// </summary>
internal static class ReplyHeader
{
    public static ReplyBuilder Start(MessageContext ctx, SyncServerOptions options)
    {
        var header = ctx.Header;
        var state = ctx.State;
        var version = ctx.Message.Version;
        var msg = new SyncMLMessage { Version = version };
        msg.Header.VerDTD = header.VerDTD ?? (version == SyncMLVersion.V1_1 ? "1.1" : "1.2");
        msg.Header.VerProto = header.VerProto ?? (version == SyncMLVersion.V1_1 ? "SyncML/1.1" : "SyncML/1.2");
        msg.Header.SessionID = header.SessionID;
        msg.Header.MsgID = state.NextServerMsgId.ToString(CultureInfo.InvariantCulture);
        state.NextServerMsgId++;
        msg.Header.Target = new SyncLocation(header.Source?.LocURI ?? string.Empty, header.Source?.LocName);
        msg.Header.Source = new SyncLocation(header.Target?.LocURI ?? ctx.EndpointUrl);
        msg.Header.Meta = new MetInf { MaxMsgSize = options.MaxMsgSize, MaxObjSize = options.MaxObjSize };

        // A client announces its limits once (usually in its first message); they hold for the session.
        if (header.Meta?.MaxMsgSize is long maxMsg and > 0)
        {
            state.ClientMaxMsgSize = maxMsg;
        }

        if (header.Meta?.MaxObjSize is long maxObj and > 0)
        {
            state.ClientMaxObjSize = maxObj;
        }

        var limit = state.ClientMaxMsgSize > 0 ? Math.Min(state.ClientMaxMsgSize, options.MaxMsgSize) : options.DefaultClientMaxMsgSize;
        return new ReplyBuilder(msg, limit);
    }

    /// <summary>The URL the client sends the session's next message to: ours with the session token (§5.1, RespURI).</summary>
    public static string RespUri(MessageContext ctx)
    {
        var url = ctx.EndpointUrl;
        var sep = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return url + sep + "s=" + Uri.EscapeDataString(ctx.Token!);
    }
}
