using System.Globalization;
using Coffer.Agent.Consent;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>
/// Progress as plain lines on stderr, for logs and pipes: each datastore's sync type, every message's changes
/// answered (<c>contacts: sent 40/120</c>), and on long transfers a line every <paramref name="every"/> with the bytes
/// sent and received, the rate and the time left.
/// </summary>
internal sealed class PlainRunProgress(TextWriter stderr, TimeProvider time, TimeSpan every) : IRunProgress
{
    private string current = string.Empty;
    private TransferMeter meter = new(time);
    private long planned;
    private long lastLine = time.GetTimestamp();

    public void Note(string datastore, string text)
    {
        Begin(datastore);
        stderr.WriteLine($"{datastore}: {text}");
    }

    public void Planned(string datastore, int items, long wireBytes)
    {
        Begin(datastore);
        planned = wireBytes;
        if (items > 0)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{datastore}: {items} changes to send, about {ByteSize.Format(wireBytes)}"));
        }
    }

    public void ItemsSent(string datastore, int done, int total) =>
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{datastore}: sent {done}/{total}"));

    public void Bytes(string datastore, long sent, long received)
    {
        if (sent + received == 0 || time.GetElapsedTime(lastLine) < every)
        {
            return;
        }

        lastLine = time.GetTimestamp();
        var share = planned > 0 ? string.Create(CultureInfo.InvariantCulture, $"/{ByteSize.Format(planned)} ({Math.Min(100, sent * 100 / planned)}%)") : string.Empty;
        var eta = planned > 0 ? $", ETA {TransferMeter.Format(meter.Eta(sent, planned))}" : string.Empty;
        stderr.WriteLine($"{datastore}: {ByteSize.Format(sent)}{share} sent, {ByteSize.Format(received)} received, {ByteSize.Format(meter.Rate(sent + received))}/s{eta}");
    }

    public void Finished(string datastore) => current = string.Empty;

    /// <summary>A new datastore's session: its rate and time left are measured from now, its first line comes after the interval.</summary>
    private void Begin(string datastore)
    {
        if (string.Equals(current, datastore, StringComparison.Ordinal))
        {
            return;
        }

        current = datastore;
        meter = new TransferMeter(time);
        planned = 0;
        lastLine = time.GetTimestamp();
    }
}
