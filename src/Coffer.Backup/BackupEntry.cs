namespace Coffer.Backup;

/// <summary>A backup in a listing: its manifest, or why it cannot be read (damaged, sealed under another master key).</summary>
public sealed record BackupEntry(string Id, long ManifestBytes, BackupManifest? Manifest, string? Problem);
