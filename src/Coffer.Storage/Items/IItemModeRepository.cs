namespace Coffer.Storage;

/// <summary>
/// Per item, the backup mode its device chose (app data files): which of its versions retention must keep
/// (<see cref="IHistoryRepository.PruneAsync"/> skips every version of a history item and the base of a
/// differential one) and which version a differential applies to.
/// </summary>
public interface IItemModeRepository
{
    /// <summary>The item's mode; null when it has none recorded (incremental) or is not in this datastore.</summary>
    Task<ItemModeState?> GetAsync(long datastoreId, string itemId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the item's mode (<see cref="ItemBackupMode.Incremental"/> removes the record); false when the item is
    /// not in this datastore.
    /// </summary>
    Task<bool> SetAsync(long datastoreId, string itemId, ItemModeState state, CancellationToken cancellationToken = default);
}
