using Coffer.Storage;

namespace Coffer.Sync.Recovery;

/// <summary>
/// History retention: deletes the versions that were replaced more than <see cref="HistoryOptions.RetentionDays"/> ago,
/// batch by batch, each batch its own short transaction. The newest version of every item, the version current at
/// any time within the retention, and versions a storage-area generation refers to are kept. Then the blob chunks no
/// version refers to any more are swept, user by user (<see cref="BlobSweep"/>).
/// </summary>
public sealed class HistoryPruner(ICofferStore store, HistoryOptions options, TimeProvider time)
{
    /// <summary>
    /// A chunk written or reused this recently is never swept: an upload in progress holds chunks no version names
    /// yet, and a session lives for minutes (<see cref="SyncServerOptions.SessionLifetime"/>), not a day.
    /// </summary>
    public static readonly TimeSpan BlobSweepGrace = TimeSpan.FromDays(1);

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
                await SweepBlobsAsync(ct);
                return total;
            }
        }
    }

    /// <summary>Deletes every user's unreferenced blob chunks older than <see cref="BlobSweepGrace"/>; returns how many went.</summary>
    public async Task<long> SweepBlobsAsync(CancellationToken ct = default)
    {
        IReadOnlyList<UserAccount> users;
        await using (var read = await store.BeginReadAsync(ct))
        {
            users = await read.Users.ListAsync(ct);
        }

        long swept = 0;
        foreach (var user in users)
        {
            await using var uow = await store.BeginAsync(ct);
            swept += await BlobSweep.RunAsync(uow, user.Id, time.GetUtcNow() - BlobSweepGrace, ct);
            await uow.CommitAsync(ct);
        }

        return swept;
    }
}
