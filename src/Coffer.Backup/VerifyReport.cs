namespace Coffer.Backup;

/// <summary>The outcome of reading a backup back: its manifest (null when that is what is damaged), what was read, what is wrong.</summary>
public sealed record VerifyReport(string Id, BackupManifest? Manifest, int ChunksRead, long BytesRead, IReadOnlyList<BackupDamage> Damage)
{
    public bool Ok => Manifest is not null && Damage.Count == 0;
}
