namespace Coffer.Storage;

/// <summary>
/// The LUID ↔ GUID map of each (device, datastore): one-to-one in both directions (a LUID maps to one GUID and
/// a GUID to one LUID). All operations take batches, as a SyncML Map or Sync command carries many items.
/// </summary>
public interface IIdMapRepository
{
    /// <summary>Inserts or updates entries; an entry replaces any other mapping of its LUID and of its GUID.</summary>
    Task UpsertAsync(long deviceId, long datastoreId, IReadOnlyList<IdMapEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>LUID → GUID for the known LUIDs among <paramref name="luids"/>.</summary>
    Task<IReadOnlyDictionary<string, string>> GetGuidsAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> luids, CancellationToken cancellationToken = default);

    /// <summary>GUID → LUID for the mapped GUIDs among <paramref name="guids"/>.</summary>
    Task<IReadOnlyDictionary<string, string>> GetLuidsAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default);

    /// <summary>Removes entries by LUID; returns how many existed.</summary>
    Task<int> DeleteByLuidAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> luids, CancellationToken cancellationToken = default);

    /// <summary>Removes entries by GUID; returns how many existed.</summary>
    Task<int> DeleteByGuidAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default);

    /// <summary>Removes the whole map (refresh / slow sync); returns how many entries existed.</summary>
    Task<int> ClearAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default);

    Task<long> CountAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default);
}
