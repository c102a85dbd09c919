using System.Globalization;
using Coffer.SyncML;

namespace Coffer.Agent.Dm;

/// <summary>
/// Fills one client message from what is to be sent, within the smaller of the two MaxMsgSizes
/// (OMA-TS-DM_Protocol-V1_2 §8.8.1 "MaxMsgSize"): commands in order, a Get's value whole when it fits, otherwise in
/// chunks with MoreData (the first announcing Size; §7 "Large Object"), after which the message ends without Final so
/// the server asks for the next with Alert 1222.
/// </summary>
public sealed class DmMessageBuilder(DmCodec codec)
{
    // Room kept for the message's closing elements and the encoding's slack (WBXML string table, XML indentation).
    private const int Slack = 512;

    /// <summary>Moves what fits from <paramref name="queue"/> into <paramref name="message"/>; true when the queue is then empty (Final).</summary>
    public bool Fill(SyncMLMessage message, List<DmOutgoing> queue, long limit)
    {
        var cmdId = message.Body.Commands.Count;
        var estimate = codec.Encode(message).LongLength;
        while (queue.Count > 0)
        {
            var next = queue[0];
            if (next.Command is { } command)
            {
                command.CmdID = (++cmdId).ToString(CultureInfo.InvariantCulture);
                message.Body.Commands.Add(command);
                estimate += 200;
                queue.RemoveAt(0);
                continue;
            }

            var result = next.Result!;
            var remaining = result.Data.Data.Length - result.Offset;
            var whole = DmWire.IsBinary(result.Data.Format) ? (remaining / 3 * 4) + 4 : remaining;
            if (estimate + whole + Slack > limit)
            {
                // Measure exactly before cutting: the estimate of the statuses is rough.
                estimate = codec.Encode(message).LongLength;
            }

            var room = limit - estimate - Slack - 300;
            var fits = remaining <= DmWire.Fits(result.Data.Format, codec, room) ? remaining : Cut(result, DmWire.Fits(result.Data.Format, codec, room));
            if (fits < remaining && message.Body.Commands.OfType<ResultsCommand>().Any())
            {
                // A value cut in chunks starts in a message of its own.
                return false;
            }

            if (fits <= 0 && remaining > 0)
            {
                throw new DmProtocolException($"a MaxMsgSize of {limit} bytes leaves no room for data");
            }

            var results = new ResultsCommand { CmdID = (++cmdId).ToString(CultureInfo.InvariantCulture), MsgRef = result.MsgRef, CmdRef = result.CmdRef };
            results.Items.Add(DmWire.Item(
                result.Uri,
                result.Data,
                codec,
                result.Data.Data.AsSpan(result.Offset, fits),
                moreData: fits < remaining,
                size: result.Offset == 0 && fits < remaining ? result.Data.Data.Length : null));
            message.Body.Commands.Add(results);
            result.Offset += fits;
            estimate += fits + 300;
            if (result.Offset < result.Data.Data.Length)
            {
                return false;
            }

            queue.RemoveAt(0);
        }

        return true;
    }

    /// <summary>At most <paramref name="n"/> bytes of the rest, never splitting a UTF-8 character of a text value.</summary>
    private static int Cut(DmPendingResult result, int n)
    {
        if (DmWire.IsBinary(result.Data.Format))
        {
            return n;
        }

        var bytes = result.Data.Data;
        while (n > 0 && result.Offset + n < bytes.Length && (bytes[result.Offset + n] & 0xC0) == 0x80)
        {
            n--;
        }

        return n;
    }
}
