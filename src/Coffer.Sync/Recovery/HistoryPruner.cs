using Coffer.Storage;

namespace Coffer.Sync.Recovery;

/// <summary>
/// History retention: deletes the versions that were replaced more than <see cref="HistoryOptions.RetentionDays"/> ago,
/// batch by batch, each batch its own short transaction. The newest version of every item, the version current at
/// any time within the retention, and versions a storage-area generation refers to are kept.
/// </summary>
public sealed class HistoryPruner(ICofferStore store, HistoryOptions options, TimeProvider time)
{
    /// <summary>Prunes until nothing is left to prune; returns how many versions were deleted.</summary>
    public async Task<long> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow() - options.Retention;
        var batch = Math.Max(1, options.PruneBatch);
        long total = 0;
        while (true)
        {
            await using var uow = await store.BeginAsync(ct);
            var pruned = await uow.History.PruneAsync(cutoff, batch, ct);
            await uow.CommitAsync(ct);
            total += pruned;
            if (pruned < batch)
            {
                return total;
            }
        }
    }
}
