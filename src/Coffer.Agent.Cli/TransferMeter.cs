namespace Coffer.Agent.Cli;

/// <summary>Rate and time left of one transfer, from the bytes done since it started and the bytes expected.</summary>
internal sealed class TransferMeter(TimeProvider time)
{
    private readonly long started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(started);

    /// <summary>Bytes per second so far; 0 before the first measurable interval.</summary>
    public double Rate(long bytes) => Elapsed.TotalSeconds > 0.05 ? bytes / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far; null when the total is unknown or nothing has moved yet.</summary>
    public TimeSpan? Eta(long done, long total)
    {
        var rate = Rate(done);
        return rate <= 0 || total <= 0 ? null : TimeSpan.FromSeconds(Math.Max(0, total - done) / rate);
    }

    public static string Format(TimeSpan? eta) => eta is not { } t ? "--:--"
        : t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
        : $"{t.Minutes}:{t.Seconds:00}";
}
