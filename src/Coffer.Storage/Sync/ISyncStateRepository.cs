namespace Coffer.Storage;

/// <summary>Per (device, datastore) sync state.</summary>
public interface ISyncStateRepository
{
    /// <summary>Null when the device never synced this datastore (the first sync is a slow sync).</summary>
    Task<SyncState?> GetAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the state; <see cref="SyncState.Updated"/> is set to now by the store.</summary>
    Task<SyncState> SaveAsync(SyncState state, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SyncState>> ListAsync(long deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// After a recovery of the datastore (seed 000 §5.3): every device's state for it loses its anchors and cursors, so
    /// its next sync is a slow sync (508), and carries <paramref name="sequence"/> as <see cref="SyncState.RecoverySequence"/>.
    /// Returns how many device states were marked.
    /// </summary>
    Task<int> MarkRecoveredAsync(long datastoreId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>Forgets the state (anchors and cursors): the device's next sync becomes a slow sync.</summary>
    Task<bool> DeleteAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default);
}
