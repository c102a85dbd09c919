namespace Coffer.Backup;

/// <summary>A backup written, its read-back verification, and the prune that followed (none when the verification failed).</summary>
public sealed record BackupResult(BackupManifest Manifest, VerifyReport Verify, PruneResult? Prune, TimeSpan Duration)
{
    public bool Ok => Verify.Ok;
}
