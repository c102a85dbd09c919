using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Recovery;

/// <summary>
/// Save and recovery between the normal area and the storage area (seed 000 §5.3), per user and datastore. A recovery
/// writes the saved versions back as new versions (origin "recovery"), deletes what was not saved, and marks every
/// device's sync state of the datastore so that its next sync is a slow sync in which the recovered data wins
/// (docs/history-and-recovery.md).
/// </summary>
public sealed class StorageArea(ICofferStore store, ContentHandlers handlers, StorageAreaOptions options)
{
    /// <summary>The origin of the automatic save at the first sync.</summary>
    public const string FirstSyncOrigin = "first-sync";

    public async Task<AreaGeneration> SaveAsync(long userId, DatastoreKind kind, string origin, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var datastore = await uow.Datastores.EnsureAsync(userId, kind, ct);
        var generation = await uow.StorageArea.SaveAsync(datastore.Id, origin, Math.Max(1, options.Generations), ct);
        await uow.CommitAsync(ct);
        return generation;
    }

    /// <summary>The datastore's generations, newest first (none when the datastore was never used).</summary>
    public async Task<IReadOnlyList<AreaGeneration>> ListAsync(long userId, DatastoreKind kind, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        return datastore == null ? [] : await uow.StorageArea.ListAsync(datastore.Id, ct);
    }

    public async Task<RestoreResult> RecoverAsync(long userId, DatastoreKind kind, long generationId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.GetAsync(userId, ct) ?? throw new RecoveryException($"no user {userId}");
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        var generation = datastore == null ? null : await uow.StorageArea.GetAsync(datastore.Id, generationId, ct);
        if (datastore == null || generation == null)
        {
            throw new RecoveryException($"no generation {generationId} in the storage area of {kind.ToString().ToLowerInvariant()}");
        }

        var entries = await uow.StorageArea.GetEntriesAsync(datastore.Id, generation.Id, ct);
        using var identity = new ItemIdentity(handlers, user);
        var written = await new ItemStateWriter(uow, datastore, identity, ItemOrigins.Recovery)
            .ApplyAsync(entries.ToDictionary(e => e.ItemId, e => e.Version, StringComparer.Ordinal), ct);

        // Seed 000 §5.3: the sync right after a recovery is a slow sync on every device, so the recovered data is
        // reflected on each of them whatever it holds.
        var marked = await uow.SyncStates.MarkRecoveredAsync(datastore.Id, await uow.Items.GetCurrentSequenceAsync(userId, ct), ct);
        await uow.CommitAsync(ct);
        return written with { DevicesMarked = marked };
    }

    /// <summary>
    /// Seed 000 §5.3: the data of the first synchronization after subscription is saved automatically. Called when a
    /// sync completes: saves when the datastore holds items and has no generation yet.
    /// </summary>
    internal static async Task<bool> SaveFirstAsync(IUnitOfWork uow, long datastoreId, int keep, CancellationToken ct)
    {
        if ((await uow.StorageArea.ListAsync(datastoreId, ct)).Count > 0 || await uow.Items.CountLiveAsync(datastoreId, ct) == 0)
        {
            return false;
        }

        await uow.StorageArea.SaveAsync(datastoreId, FirstSyncOrigin, Math.Max(1, keep), ct);
        return true;
    }
}
