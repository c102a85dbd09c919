namespace Coffer.Storage;

/// <summary>
/// Queries over the item history (item_versions) for point-in-time restore, the deleted-items list and retention
/// (docs/history-and-recovery.md). Per-item history is <see cref="IItemRepository.GetVersionsAsync"/>.
/// </summary>
public interface IHistoryRepository
{
    /// <summary>
    /// For every item of the datastore that had a version at <paramref name="at"/> or before: its newest such version
    /// (a tombstone when it was deleted then), without content. Items created after <paramref name="at"/> are absent.
    /// </summary>
    Task<IReadOnlyList<ItemVersion>> GetStateAtAsync(long datastoreId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Deleted items whose last live version is still kept, most recently deleted first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DeletedItem>> ListDeletedAsync(long datastoreId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> versions (of any user) that a newer version of the same item had
    /// replaced before <paramref name="cutoff"/>, except versions a storage-area generation refers to, every version of
    /// an item in <see cref="ItemBackupMode.History"/> and the base version of one in
    /// <see cref="ItemBackupMode.Differential"/> (<see cref="IItemModeRepository"/>). An item's newest
    /// version is never pruned, and neither is the version that was current at any time from the cutoff on, so a
    /// point-in-time restore to any time after the cutoff stays exact. Returns how many were deleted.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default);
}
