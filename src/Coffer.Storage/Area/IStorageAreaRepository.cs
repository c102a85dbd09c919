namespace Coffer.Storage;

/// <summary>
/// The storage area of seed 000 §5.3: per datastore, generations of saved normal-area states, the newest few kept.
/// Syncs never write here; only a save does. Recovering a generation is done by the caller with ordinary item writes
/// (new versions), so every device learns of it.
/// </summary>
public interface IStorageAreaRepository
{
    /// <summary>
    /// Saves the datastore's live items (each at its current version) as a new generation, then drops the oldest
    /// generations beyond <paramref name="keep"/>.
    /// </summary>
    Task<AreaGeneration> SaveAsync(long datastoreId, string origin, int keep, CancellationToken cancellationToken = default);

    /// <summary>The datastore's generations, newest first.</summary>
    Task<IReadOnlyList<AreaGeneration>> ListAsync(long datastoreId, CancellationToken cancellationToken = default);

    /// <summary>Null when the generation does not exist or belongs to another datastore.</summary>
    Task<AreaGeneration?> GetAsync(long datastoreId, long generationId, CancellationToken cancellationToken = default);

    /// <summary>The items of a generation, by item id.</summary>
    Task<IReadOnlyList<AreaEntry>> GetEntriesAsync(long datastoreId, long generationId, CancellationToken cancellationToken = default);
}
