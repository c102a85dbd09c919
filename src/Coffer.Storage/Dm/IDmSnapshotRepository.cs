namespace Coffer.Storage;

/// <summary>
/// The devices' DM backups (table dm_snapshots): one version per backup, the tree document sealed under the user's
/// data key; the firmware of each is the device's firmware history.
/// </summary>
public interface IDmSnapshotRepository
{
    /// <summary>Stores a backup taken now; returns it with its id.</summary>
    Task<DmSnapshot> AddAsync(long deviceId, string manufacturer, string model, string firmware, int nodeCount, byte[] tree, CancellationToken cancellationToken = default);

    /// <summary>The device's backups, newest first.</summary>
    Task<IReadOnlyList<DmSnapshot>> ListAsync(long deviceId, CancellationToken cancellationToken = default);

    Task<DmSnapshot?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The opened tree document of a backup; null when there is no such backup.</summary>
    Task<byte[]?> GetTreeAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Deletes the device's backups beyond its newest <paramref name="keep"/>; returns how many went.</summary>
    Task<int> PruneAsync(long deviceId, int keep, CancellationToken cancellationToken = default);
}
