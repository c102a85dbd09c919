using Coffer.Storage;

namespace Coffer.Sync.Recovery;

/// <summary>
/// Counts what <see cref="StorageArea.RecoverAsync"/> or <see cref="ItemHistory.RestoreDatastoreAsync"/> would change,
/// without changing anything, by the same rule their writer applies: a wanted item at another version than its live
/// one is written back, a live item not wanted is deleted.
/// </summary>
public sealed class RecoveryPreview(ICofferStore store)
{
    /// <summary>The plan of recovering storage-area generation <paramref name="generationId"/>; a <see cref="RecoveryException"/> when there is none.</summary>
    public async Task<RecoveryPlan> ForGenerationAsync(long userId, DatastoreKind kind, long generationId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        if (datastore == null || await uow.StorageArea.GetAsync(datastore.Id, generationId, ct) == null)
        {
            throw new RecoveryException($"no generation {generationId} in the storage area of {kind.ToString().ToLowerInvariant()}");
        }

        var entries = await uow.StorageArea.GetEntriesAsync(datastore.Id, generationId, ct);
        return await PlanAsync(uow, datastore, entries.ToDictionary(e => e.ItemId, e => e.Version, StringComparer.Ordinal), ct);
    }

    /// <summary>The plan of restoring the datastore to its state at <paramref name="at"/>.</summary>
    public async Task<RecoveryPlan> ForTimeAsync(long userId, DatastoreKind kind, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        if (datastore == null)
        {
            return new RecoveryPlan(kind, 0, 0, 0, 0);
        }

        var then = await uow.History.GetStateAtAsync(datastore.Id, at, ct);
        return await PlanAsync(uow, datastore, then.Where(v => !v.Deleted).ToDictionary(v => v.ItemId, v => v.Version, StringComparer.Ordinal), ct);
    }

    private static async Task<RecoveryPlan> PlanAsync(IUnitOfWork uow, Datastore datastore, Dictionary<string, long> wanted, CancellationToken ct)
    {
        var live = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var after = 0L; ;)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 1000, withContent: false, ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var item in page)
            {
                live[item.Id] = item.Version;
            }

            after = page[^1].Sequence;
        }

        int added = 0, changed = 0, unchanged = 0;
        foreach (var (id, version) in wanted)
        {
            if (!live.TryGetValue(id, out var current))
            {
                added++;
            }
            else if (current != version)
            {
                changed++;
            }
            else
            {
                unchanged++;
            }
        }

        return new RecoveryPlan(datastore.Kind, added, changed, live.Keys.Count(id => !wanted.ContainsKey(id)), unchanged);
    }
}
