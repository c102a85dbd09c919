using System.Diagnostics.Metrics;

namespace Coffer.Backup;

/// <summary>
/// The daily backup's meters, exported on /metrics with the other Coffer meters: when the last good backup was made,
/// how much each wrote, how long it took, how many failed. One per host, from the host's <see cref="IMeterFactory"/>.
/// </summary>
public sealed class BackupMetrics : IDisposable
{
    public const string MeterName = "Coffer.Backup";

    private readonly Meter meter;
    private readonly Counter<long> runs;
    private readonly Counter<long> bytesWritten;
    private readonly Histogram<double> duration;
    private long lastSuccess;
    private long lastStoredBytes;

    public BackupMetrics(IMeterFactory? meterFactory = null)
    {
        meter = meterFactory?.Create(MeterName, "1.0") ?? new Meter(MeterName, "1.0");
        runs = meter.CreateCounter<long>("coffer.backup.runs", "{backup}", "Backups attempted, by outcome (ok, failed).");
        bytesWritten = meter.CreateCounter<long>("coffer.backup.written.bytes", "By", "Bytes written to the backup target (new chunks and manifests).");
        duration = meter.CreateHistogram<double>("coffer.backup.duration", "s", "Time of a backup: snapshot, write, read-back verification and prune.");
        meter.CreateObservableGauge("coffer.backup.last_success", () => Interlocked.Read(ref lastSuccess), "s", "Unix time of the last backup that verified (0: none since start).");
        meter.CreateObservableGauge("coffer.backup.stored_bytes", () => Interlocked.Read(ref lastStoredBytes), "By", "Stored size of the last good backup (chunks shared with older ones included).");
    }

    /// <summary>Unix seconds of the last verified backup, 0 before the first.</summary>
    public long LastSuccess => Interlocked.Read(ref lastSuccess);

    public void Succeeded(BackupResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        runs.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
        bytesWritten.Add(result.Manifest.NewBytes);
        duration.Record(result.Duration.TotalSeconds);
        Interlocked.Exchange(ref lastSuccess, now.ToUnixTimeSeconds());
        Interlocked.Exchange(ref lastStoredBytes, result.Manifest.StoredBytes);
    }

    public void Failed(long bytes = 0)
    {
        runs.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        if (bytes > 0)
        {
            bytesWritten.Add(bytes);
        }
    }

    public void Dispose() => meter.Dispose();
}
