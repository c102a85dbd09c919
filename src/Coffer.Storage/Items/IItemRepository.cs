namespace Coffer.Storage;

/// <summary>
/// Items and their history. Every add, replace and delete takes the next value of the owning user's change
/// sequence (in list order) and appends a version. All queries are index range scans, so their cost follows
/// the number of changes or results, not the size of the store.
/// </summary>
public interface IItemRepository
{
    /// <summary>
    /// Adds items (version 1); results in input order. A caller-chosen <see cref="NewItem.Id"/> that already exists
    /// throws <see cref="StorageException"/>, after which the unit of work must be abandoned.
    /// </summary>
    Task<IReadOnlyList<StoredItem>> AddAsync(long datastoreId, IReadOnlyList<NewItem> items, CancellationToken cancellationToken = default);

    /// <summary>Replaces items; a result is null where the item does not exist in this datastore or its version did not match.</summary>
    Task<IReadOnlyList<StoredItem?>> ReplaceAsync(long datastoreId, IReadOnlyList<ItemReplacement> items, CancellationToken cancellationToken = default);

    /// <summary>Turns items into tombstones; a result is null where the item is missing, already deleted, or its version did not match.</summary>
    Task<IReadOnlyList<StoredItem?>> DeleteAsync(long datastoreId, IReadOnlyList<ItemDeletion> items, CancellationToken cancellationToken = default);

    /// <summary>The items (tombstones included) among <paramref name="ids"/>; unknown ids are left out.</summary>
    Task<IReadOnlyList<StoredItem>> GetAsync(long datastoreId, IReadOnlyCollection<string> ids, bool withContent = true, CancellationToken cancellationToken = default);

    /// <summary>Live items whose identity key equals <paramref name="identityKey"/> (slow-sync twins).</summary>
    Task<IReadOnlyList<StoredItem>> FindByIdentityKeyAsync(long datastoreId, byte[] identityKey, bool withContent = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Live items whose identity key is any of <paramref name="identityKeys"/>, ascending by sequence: the twin lookups
    /// of a whole Sync command at once. The default asks <see cref="FindByIdentityKeyAsync"/> once per distinct key;
    /// a backend with a round trip per statement answers in one query.
    /// </summary>
    async Task<IReadOnlyList<StoredItem>> FindByIdentityKeysAsync(long datastoreId, IReadOnlyCollection<byte[]> identityKeys, bool withContent = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identityKeys);
        var found = new List<StoredItem>();
        foreach (var key in identityKeys.DistinctBy(Convert.ToHexString))
        {
            found.AddRange(await FindByIdentityKeyAsync(datastoreId, key, withContent, cancellationToken).ConfigureAwait(false));
        }

        return [.. found.OrderBy(i => i.Sequence)];
    }

    /// <summary>
    /// Items and tombstones with sequence &gt; <paramref name="afterSequence"/>, ascending by sequence, at most
    /// <paramref name="limit"/>. Page on by passing the last sequence returned. <paramref name="excludeOrigin"/>
    /// leaves out items whose last change came from that origin (what the device itself sent).
    /// </summary>
    Task<IReadOnlyList<StoredItem>> GetChangesSinceAsync(long datastoreId, long afterSequence, int limit, string? excludeOrigin = null, bool withContent = true, CancellationToken cancellationToken = default);

    /// <summary>How many items <see cref="GetChangesSinceAsync"/> would return in all (SyncML NumberOfChanges).</summary>
    Task<long> CountChangesSinceAsync(long datastoreId, long afterSequence, string? excludeOrigin = null, CancellationToken cancellationToken = default);

    /// <summary>Live items ascending by sequence (slow sync, refresh from server), paged like <see cref="GetChangesSinceAsync"/>.</summary>
    Task<IReadOnlyList<StoredItem>> ListLiveAsync(long datastoreId, long afterSequence, int limit, bool withContent = true, CancellationToken cancellationToken = default);

    Task<long> CountLiveAsync(long datastoreId, CancellationToken cancellationToken = default);

    /// <summary>The user's live items over all datastores and their content bytes (what a quota limits).</summary>
    Task<StorageUsage> GetUsageAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>The user's current change sequence (the highest value taken so far, 0 when none).</summary>
    Task<long> GetCurrentSequenceAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Every version of the item, oldest first; empty when unknown.</summary>
    Task<IReadOnlyList<ItemVersion>> GetVersionsAsync(long datastoreId, string itemId, CancellationToken cancellationToken = default);

    Task<ItemVersion?> GetVersionAsync(long datastoreId, string itemId, long version, CancellationToken cancellationToken = default);
}
