using Coffer.Storage;
using Coffer.Sync.Quotas;

namespace Coffer.Sync.Settings;

/// <summary>The start page's figures: live items per datastore, the last sync of any device, storage used against the quota.</summary>
public sealed class AccountOverview(ICofferStore store, UserQuotas quotas)
{
    public async Task<OverviewFigures> GetAsync(long userId, CancellationToken ct = default)
    {
        var counts = new List<(DatastoreKind Kind, long Items)>();
        DateTimeOffset? lastSync = null;
        await using (var uow = await store.BeginReadAsync(ct))
        {
            foreach (var datastore in (await uow.Datastores.ListAsync(userId, ct)).OrderBy(d => d.Kind))
            {
                counts.Add((datastore.Kind, await uow.Items.CountLiveAsync(datastore.Id, ct)));
            }

            foreach (var device in await uow.Devices.ListAsync(userId, ct))
            {
                foreach (var state in await uow.SyncStates.ListAsync(device.Id, ct))
                {
                    if (state.LastSuccess > (lastSync ?? DateTimeOffset.MinValue))
                    {
                        lastSync = state.LastSuccess;
                    }
                }
            }
        }

        var quota = await quotas.GetAsync(userId, ct) ?? throw new InvalidOperationException($"no user {userId}");
        return new OverviewFigures(counts, lastSync, quota);
    }
}
