namespace Coffer.Storage;

/// <summary>
/// How a backed-up file's versions are kept (seed 001 backup methods; docs/history-and-recovery.md "Backup modes").
/// Stored by its lowercase name.
/// </summary>
public enum ItemBackupMode
{
    /// <summary>Retention as for any item (no row is stored for it).</summary>
    Incremental,

    /// <summary>The full backup the differentials apply to (<see cref="ItemModeState.BaseVersion"/>) is never pruned.</summary>
    Differential,

    /// <summary>No version of the item is ever pruned.</summary>
    History,
}
