using Coffer.Storage;

namespace Coffer.Sync.Engine;

/// <summary>
/// After the client's package 3 of a refresh from client (OMA-TS-DS_Protocol-V1_2 §5.6, sync type 203): the server ends
/// up with exactly the client's items. Items the client did not send are deleted (tombstones: they stay recoverable in
/// history).
/// </summary>
internal sealed class RefreshFromClientSweep(MessageContext ctx, int pageSize)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var uow = ctx.Uow;
        foreach (var ds in ctx.State.Datastores.Where(d => d.IsRefreshFromClient))
        {
            var after = 0L;
            while (true)
            {
                var page = await uow.Items.ListLiveAsync(ds.DatastoreId, after, pageSize, false, ct);
                if (page.Count == 0)
                {
                    break;
                }

                var mapped = await uow.IdMaps.GetLuidsAsync(ctx.Device.Id, ds.DatastoreId, page.Select(p => p.Id).ToList(), ct);
                var gone = page.Where(p => !mapped.ContainsKey(p.Id)).Select(p => new ItemDeletion(p.Id, ctx.Origin)).ToList();
                if (gone.Count > 0)
                {
                    await uow.Items.DeleteAsync(ds.DatastoreId, gone, ct);
                }

                after = page[^1].Sequence;
            }
        }
    }
}
