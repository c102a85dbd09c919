using System.Globalization;
using Coffer.Agent.Consent;
using Coffer.Agent.Peer;

namespace Coffer.Agent.Cli;

/// <summary>
/// Progress of a peer session on stderr: for a file, its bytes done of its length with the rate and the time left —
/// one line rewritten in place on a terminal, else a line every <paramref name="every"/> and one when it is done; for
/// SyncML, the changes sent and received after every message.
/// </summary>
internal sealed class PeerProgressPrinter(TextWriter stderr, bool terminal, TimeProvider time, TimeSpan every)
    : IProgress<PeerTransferProgress>, IProgress<PeerSyncProgress>
{
    private readonly Lock gate = new();
    private string? current;
    private bool done;
    private TransferMeter meter = new(time);
    private long lastLine = time.GetTimestamp();

    public void Report(PeerTransferProgress value)
    {
        lock (gate)
        {
            var name = value.Name ?? "file";
            if (!string.Equals(current, name, StringComparison.Ordinal))
            {
                current = name;
                done = false;
                meter = new TransferMeter(time);
                lastLine = time.GetTimestamp();
            }

            var finished = value.Bytes >= value.TotalBytes;
            if (done || (!finished && time.GetElapsedTime(lastLine) < (terminal ? TimeSpan.FromMilliseconds(200) : every)))
            {
                return;
            }

            done = finished;
            lastLine = time.GetTimestamp();
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: {ByteSize.Format(value.Bytes)}/{ByteSize.Format(value.TotalBytes)} ({value.Percent:0}%), {ByteSize.Format(meter.Rate(value.Bytes))}/s, ETA {TransferMeter.Format(meter.Eta(value.Bytes, value.TotalBytes))}");
            if (terminal)
            {
                stderr.Write("\r" + line.PadRight(78));
                if (finished)
                {
                    stderr.WriteLine();
                }
            }
            else
            {
                stderr.WriteLine(line);
            }
        }
    }

    public void Report(PeerSyncProgress value)
    {
        lock (gate)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Datastore}: sent {value.Sent}{Of(value.SentTotal)}, received {value.Received}{Of(value.ReceivedTotal)}"));
        }
    }

    private static string Of(long? total) => total is { } t ? string.Create(CultureInfo.InvariantCulture, $"/{t}") : string.Empty;
}
