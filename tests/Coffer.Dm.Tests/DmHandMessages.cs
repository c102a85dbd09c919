using Coffer.SyncML;

namespace Coffer.Dm.Tests;

/// <summary>DM messages written by hand for the engine (device IMEI:100), and what the tests read from its replies.</summary>
internal static class DmHandMessages
{
    public static string Token(DmReply reply) => System.Web.HttpUtility.ParseQueryString(new Uri(reply.Message.Header.RespURI!).Query)["s"]!;

    public static byte[] Nonce(DmReply reply) => Convert.FromBase64String(HeaderStatus(reply).Chal!.Meta!.NextNonce!);

    /// <summary>A client message after <paramref name="reply"/>: its SyncHdr Status (with a Chal when a nonce is given) and a 200 for every command.</summary>
    public static SyncMLMessage Answer(DmReply reply, string clientName, string msgId, string? clientNonce)
    {
        var message = PackageOne(clientName);
        message.Header.MsgID = msgId;
        message.Body.Commands.Clear();
        var header = new StatusCommand { CmdID = "1", MsgRef = reply.Message.Header.MsgID, CmdRef = "0", Cmd = "SyncHdr", Code = 212 };
        if (clientNonce != null)
        {
            header.Chal = new Chal { Meta = new MetInf { Type = "syncml:auth-md5", Format = "b64", NextNonce = clientNonce } };
        }

        message.Body.Commands.Add(header);
        var id = 2;
        foreach (var command in reply.Message.Body.Commands.Where(c => c is not StatusCommand))
        {
            message.Body.Commands.Add(new StatusCommand { CmdID = (id++).ToString(System.Globalization.CultureInfo.InvariantCulture), MsgRef = reply.Message.Header.MsgID, CmdRef = command.CmdID, Cmd = command.ElementName, Code = 200 });
        }

        return message;
    }

    public static StatusCommand HeaderStatus(DmReply reply) => reply.Message.Body.Commands.OfType<StatusCommand>().First(s => s.CmdRef == "0");

    public static SyncMLMessage PackageOne(string clientName, Cred? cred = null)
    {
        var message = new SyncMLMessage
        {
            Header = new SyncHdr
            {
                VerDTD = "1.2",
                VerProto = "DM/1.2",
                SessionID = "1",
                MsgID = "1",
                Target = new SyncLocation(ScriptedDmClient.Endpoint),
                Source = new SyncLocation("IMEI:100", clientName),
                Cred = cred,
            },
        };
        message.Body.Commands.Add(new AlertCommand { CmdID = "1", Code = 1201 });
        message.Body.Final = true;
        return message;
    }
}
