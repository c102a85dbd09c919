using System.Globalization;
using Coffer.Backup;

namespace Coffer.Cli.Commands;

/// <summary>Progress of long backup work as a line per phase and per tenth done, on the error stream (stdout stays the result).</summary>
internal sealed class BackupProgressWriter(TextWriter error) : IProgress<BackupProgress>
{
    private string? phase;
    private long lastTenth = -1;

    public void Report(BackupProgress value)
    {
        lock (error)
        {
            if (value.Phase != phase)
            {
                phase = value.Phase;
                lastTenth = -1;
            }

            var tenth = value.Total <= 0 ? 0 : value.Done * 10 / value.Total;
            if (tenth == lastTenth)
            {
                return;
            }

            lastTenth = tenth;
            error.WriteLine(value.Total <= 0
                ? $"coffer: {value.Phase}…"
                : string.Create(CultureInfo.InvariantCulture, $"coffer: {value.Phase} {tenth * 10}% ({value.Done / 1_000_000.0:F1} of {value.Total / 1_000_000.0:F1} MB)"));
        }
    }
}
