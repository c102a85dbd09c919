namespace Coffer.Backup;

/// <summary>Where long work stands: "snapshot", "write", "verify", "restore", with bytes done of total.</summary>
public sealed record BackupProgress(string Phase, long Done, long Total);
