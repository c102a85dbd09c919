namespace Coffer.Backup;

/// <summary>A damaged part of a backup: which one (manifest, chunk id with its place in the file, item counts) and what is wrong.</summary>
public sealed record BackupDamage(string Part, string What)
{
    public override string ToString() => $"{Part}: {What}";
}
