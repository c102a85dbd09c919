namespace Coffer.Storage;

/// <summary>An item's backup mode and, in <see cref="ItemBackupMode.Differential"/>, the version holding its last full backup.</summary>
public sealed record ItemModeState(ItemBackupMode Mode, long? BaseVersion);
