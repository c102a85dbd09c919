using Coffer.Storage;

namespace Coffer.Sync.Settings;

/// <summary>A user's devices with what each syncs, and their removal — always within the one user's own devices.</summary>
public sealed class UserDevices(ICofferStore store)
{
    public async Task<IReadOnlyList<DeviceSummary>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var kinds = (await uow.Datastores.ListAsync(userId, ct)).ToDictionary(d => d.Id, d => d.Kind);
        var list = new List<DeviceSummary>();
        foreach (var device in await uow.Devices.ListAsync(userId, ct))
        {
            var stores = new List<DeviceDatastore>();
            foreach (var state in await uow.SyncStates.ListAsync(device.Id, ct))
            {
                if (kinds.TryGetValue(state.DatastoreId, out var kind))
                {
                    var slow = state.LastAnchor == null || state.RecoverySequence != null || state.QuotaRefused;
                    stores.Add(new DeviceDatastore(kind, await uow.IdMaps.CountAsync(device.Id, state.DatastoreId, ct), state.LastSuccess, slow));
                }
            }

            list.Add(new DeviceSummary(device, stores.Max(s => s.LastSync), stores.OrderBy(s => s.Kind).ToList()));
        }

        return list;
    }

    /// <summary>Removes one of the user's devices (its next sync is a slow sync); false when the user has no such device.</summary>
    public async Task<bool> RemoveAsync(long userId, long deviceRowId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        if (await uow.Devices.GetByIdAsync(deviceRowId, ct) is not { } device || device.UserId != userId)
        {
            return false;
        }

        var removed = await uow.Devices.DeleteAsync(device.Id, ct);
        await uow.CommitAsync(ct);
        return removed;
    }
}
