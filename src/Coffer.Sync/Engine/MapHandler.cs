using Coffer.Storage;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Map: the LUIDs the client gave to the items we added (OMA-TS-DS_Protocol-V1_2 §5.7, package 5). A Map may only name
/// items of its own datastore.
/// </summary>
internal sealed class MapHandler(MessageContext ctx)
{
    public async Task HandleAsync(MapCommand map, CancellationToken ct)
    {
        var target = map.Target?.LocURI?.Trim();
        var source = map.Source?.LocURI?.Trim();
        var ds = ctx.State.FindByServerUri(target) ?? ctx.State.FindByClientUri(source);
        if (ds == null)
        {
            ctx.Respond(map, StatusCode.NotFound, target, source);
            return;
        }

        var entries = map.MapItems
            .Where(m => m.Target?.LocURI != null && m.Source?.LocURI != null)
            .Select(m => new IdMapEntry(m.Source!.LocURI!.Trim(), m.Target!.LocURI!.Trim()))
            .ToList();

        // The server ids of anyone else's items do not exist here (404).
        var named = entries.Select(e => e.Guid).Distinct(StringComparer.Ordinal).ToList();
        var existing = named.Count == 0
            ? []
            : (await ctx.Uow.Items.GetAsync(ds.DatastoreId, named, false, ct)).Select(i => i.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = entries.Where(e => existing.Contains(e.Guid)).ToList();
        await ctx.Uow.IdMaps.UpsertAsync(ctx.Device.Id, ds.DatastoreId, known, ct);
        var code = known.Count < entries.Count ? StatusCode.NotFound : entries.Count == map.MapItems.Count ? StatusCode.Ok : StatusCode.BadRequest;
        if (known.Count < entries.Count)
        {
            ctx.Logger.LogWarning("{Session}: Map for {Store} names {Count} server ids that are not items of it; those are refused", ctx.Describe(), ds.ServerUri, entries.Count - known.Count);
        }

        ctx.Respond(map, code, target, source);
    }
}
