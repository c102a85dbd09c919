using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Checks a reply against the message it answers: the SyncHdr Status is 212 (authentication accepted,
/// OMA-TS-DS_Protocol-V1_2 §5.3) or 200 on the first message and 200 afterwards, and every command the client sent got
/// a Status in the 2xx range (OMA-TS-SyncML_RepPro-V1_2 §10 "Response Status Codes"). The changes inside a Sync are
/// left to the caller: a refused item does not end the session. An exception names every problem.
/// </summary>
public static class ReplyValidator
{
    /// <exception cref="AuthenticationFailedException">The SyncHdr status is 401 or 407.</exception>
    /// <exception cref="SyncProtocolException">Anything else is wrong.</exception>
    public static void Check(OutgoingMessage sent, ServerReply reply, Func<SyncMLCommand, int, bool>? alsoAccept = null)
    {
        var problems = new List<string>();
        var first = sent.MsgID == "1";
        var header = reply.StatusFor(sent.MsgID, "0");
        if (header is { Code: StatusCode.InvalidCredentials or StatusCode.MissingCredentials })
        {
            throw new AuthenticationFailedException($"the server refused the credentials (status {header.Code})") { Status = header.Code, Challenge = header.Chal?.Meta };
        }

        if (header == null)
        {
            problems.Add("no Status for the SyncHdr");
        }
        else if (!(header.Code == 200 || (first && header.Code == 212)))
        {
            // The server may say why in the Status's Item (OMA-TS-SyncML_RepPro-V1_2 §6.6.16), e.g. a disabled account.
            var why = header.Items.Select(i => i.Data?.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
            throw new SyncProtocolException($"reply to message {sent.MsgID}: SyncHdr status {header.Code}{(why == null ? string.Empty : ": " + why.Trim())}") { Status = header.Code };
        }

        foreach (var command in sent.AwaitingStatus)
        {
            var status = reply.StatusFor(sent.MsgID, command.CmdID!);
            if (status == null)
            {
                problems.Add($"no Status for {command.ElementName} {command.CmdID}");
            }
            else if (status.Code is < 200 or > 299 && !(alsoAccept?.Invoke(command, status.Code) ?? false))
            {
                problems.Add($"{command.ElementName} {command.CmdID}: status {status.Code}");
            }
        }

        if (problems.Count > 0)
        {
            throw new SyncProtocolException($"reply to message {sent.MsgID}: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (+{problems.Count - 5} more)" : string.Empty)}");
        }
    }
}
