using Coffer.Storage;
using Coffer.Sync.Metrics;
using Coffer.Sync.Recovery;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Package 6 sent: the sync is complete. Each datastore's anchors and cursor become the new synchronization object
/// (seed 002; OMA-TS-DS_Protocol-V1_2 §5.4), and what moved either way is logged and counted.
/// </summary>
internal sealed class SessionCompletion(MessageContext ctx, TimeProvider time, CofferMetrics metrics, int areaGenerations)
{
    public async Task CompleteAsync(CancellationToken ct)
    {
        ctx.State.Completed = true;
        var now = time.GetUtcNow();
        var current = await ctx.Uow.Items.GetCurrentSequenceAsync(ctx.User.Id, ct);
        foreach (var ds in ctx.State.Datastores)
        {
            var cursor = ds.Mode switch
            {
                AlertCode.OneWayFromClient => ds.StartCursor,
                AlertCode.RefreshFromClient => current,
                _ => ds.SnapshotSequence,
            };
            if (ds.LowestFailedSequence is { } failed)
            {
                // Refused items are offered again next time: the cursor stays below the first of them.
                cursor = Math.Min(cursor, failed - 1);
            }

            // A recovery that happened while this session ran still owes the device its slow sync (seed 000 §5.3).
            var saved = await ctx.Uow.SyncStates.GetAsync(ctx.Device.Id, ds.DatastoreId, ct);
            var recovery = saved?.RecoverySequence is { } r && r != ds.RecoverySequence ? r : (long?)null;

            // Refused Adds stay on the device until a sync that sends everything (slow, refresh) has offered them again.
            var refused = ds.QuotaRefusals > 0 || (saved?.QuotaRefused == true && !SyncTypeChoice.RebuildsMap(ds.Mode));
            await ctx.Uow.SyncStates.SaveAsync(
                recovery == null
                    ? new SyncState(ctx.Device.Id, ds.DatastoreId, ds.ClientNextAnchor, null, ds.ServerNextAnchor, null, ds.LastSentSequence, cursor, now, now, null, refused)
                    : new SyncState(ctx.Device.Id, ds.DatastoreId, null, null, ds.ServerNextAnchor, null, 0, 0, now, now, recovery, refused),
                ct);
            if (await StorageArea.SaveFirstAsync(ctx.Uow, ds.DatastoreId, areaGenerations, ct))
            {
                ctx.Logger.LogInformation("{Session}: {Store} saved to the storage area (first sync)", ctx.Describe(), ds.ServerUri);
            }


            RecordItems(ds);
            ctx.Logger.LogInformation(
                "{Session}: {Store} done as {Mode}: from device +{CA} ~{CR} -{CD} !{Rejected}, to device +{SA} ~{SR} -{SD}",
                ctx.Describe(),
                ds.ServerUri,
                ds.Mode,
                ds.ClientAdds,
                ds.ClientReplaces,
                ds.ClientDeletes,
                ds.ClientRejects,
                ds.ServerAdds,
                ds.ServerReplaces,
                ds.ServerDeletes);
        }
    }

    private void RecordItems(DatastoreSession ds)
    {
        var store = ds.Kind.ToString().ToLowerInvariant();
        Add(ds.ClientAdds, ItemOperation.Add, ItemDirection.FromClient);
        Add(ds.ClientReplaces, ItemOperation.Replace, ItemDirection.FromClient);
        Add(ds.ClientDeletes, ItemOperation.Delete, ItemDirection.FromClient);
        Add(ds.ClientRejects, ItemOperation.Reject, ItemDirection.FromClient);
        Add(ds.ServerAdds, ItemOperation.Add, ItemDirection.ToClient);
        Add(ds.ServerReplaces, ItemOperation.Replace, ItemDirection.ToClient);
        Add(ds.ServerDeletes, ItemOperation.Delete, ItemDirection.ToClient);

        void Add(int n, ItemOperation op, ItemDirection direction)
        {
            if (n > 0)
            {
                metrics.ItemsProcessed(store, op, direction, n);
            }
        }
    }
}
