using System.Globalization;

namespace Coffer.Backup;

/// <summary>
/// Coffer:Backup: the daily secondary backup (docs/backup.md). No target is configured by default: a backup on the
/// disk of the data directory would not survive what it is for, so the operator names the second location.
/// </summary>
public sealed class BackupOptions
{
    /// <summary>A directory, ideally on another disk or machine (created 0700 when missing).</summary>
    public string? Directory { get; set; }

    /// <summary>An S3 bucket instead of (or, when both are set, refused together with) <see cref="Directory"/>.</summary>
    public S3BackupOptions? S3 { get; set; }

    /// <summary>Local time of day of the daily backup, "HH:mm".</summary>
    public string TimeOfDay { get; set; } = "03:30";

    /// <summary>How many backups to keep (the newest).</summary>
    public int Keep { get; set; } = 7;

    public bool HasTarget => !string.IsNullOrWhiteSpace(Directory) || !string.IsNullOrWhiteSpace(S3?.Bucket);

    /// <summary>The parsed <see cref="TimeOfDay"/>; <see cref="BackupException"/> when it is not HH:mm.</summary>
    public TimeOnly ParsedTimeOfDay() =>
        TimeOnly.TryParseExact(TimeOfDay, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw new BackupException($"Coffer:Backup:TimeOfDay is \"{TimeOfDay}\", not a time of day like 03:30");

    /// <summary>The configured target; <see cref="BackupException"/> when none or both are configured.</summary>
    public IBackupTarget CreateTarget(TimeProvider? time = null)
    {
        var hasDirectory = !string.IsNullOrWhiteSpace(Directory);
        var hasS3 = !string.IsNullOrWhiteSpace(S3?.Bucket);
        return (hasDirectory, hasS3) switch
        {
            (true, false) => new DirectoryBackupTarget(Directory!),
            (false, true) => new S3BackupTarget(S3!, time),
            (true, true) => throw new BackupException("both Coffer:Backup:Directory and Coffer:Backup:S3:Bucket are set: choose one"),
            _ => throw new BackupException("no backup target: set Coffer:Backup:Directory or Coffer:Backup:S3:Bucket"),
        };
    }
}
