using Coffer.SyncML;

namespace Coffer.LoadBench.Device;

/// <summary>
/// Checks a reply against the message it answers: the SyncHdr Status is 212 (authentication accepted,
/// OMA-TS-DS_Protocol-V1_2 §5.3) or 200 on the first message and 200 afterwards, and every command the phone sent got
/// a Status in the 2xx range (OMA-TS-SyncML_RepPro-V1_2 §10 "Response Status Codes"). An exception names every problem.
/// </summary>
public static class ReplyValidator
{
    public static void Check(OutgoingMessage sent, ServerReply reply, Func<SyncMLCommand, int, bool>? alsoAccept = null)
    {
        var problems = new List<string>();
        var first = sent.MsgID == "1";
        var header = reply.StatusFor(sent.MsgID, "0");
        if (header == null)
        {
            problems.Add("no Status for the SyncHdr");
        }
        else if (!(header.Code == 200 || (first && header.Code == 212)))
        {
            problems.Add($"SyncHdr status {header.Code}");
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
