using Coffer.Storage;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    /// <summary>The client's Status for one of our commands (OMA-TS-SyncML_RepPro-V1_2 §5.4).</summary>
    private async Task HandleStatusAsync(StatusCommand status, CancellationToken ct)
    {
        var key = status.MsgRef + "/" + status.CmdRef;
        if (!state.Outstanding.Remove(key, out var sent))
        {
            if (status.Code >= 400 && status.Cmd is not ("SyncHdr" or "Results"))
            {
                logger.LogWarning("{Session}: client answered {Cmd} {CmdRef} with {Code}", Describe(), status.Cmd, status.CmdRef, status.Code);
            }

            return;
        }

        var ds = state.FindByClientUri(sent.ClientUri);
        if (ds == null)
        {
            return;
        }

        if (status.Code is >= 200 and < 300)
        {
            if (sent.Op == "Delete")
            {
                await uow.IdMaps.DeleteByGuidAsync(device.Id, ds.DatastoreId, [sent.Guid], ct);
            }

            return;
        }

        // Refused (e.g. the phone is full, 420): keep the cursor below it so the next sync offers it again.
        ds.LowestFailedSequence = Math.Min(ds.LowestFailedSequence ?? long.MaxValue, sent.Sequence);
        logger.LogWarning("{Session}: device refused {Op} of {Guid} in {Store} with {Code}", Describe(), sent.Op, sent.Guid, ds.ServerUri, status.Code);
    }

    /// <summary>Map: the LUIDs the client gave to the items we added (OMA-TS-DS_Protocol-V1_2 §5.7, package 5).</summary>
    private async Task HandleMapAsync(MapCommand map, CancellationToken ct)
    {
        var target = map.Target?.LocURI?.Trim();
        var source = map.Source?.LocURI?.Trim();
        var ds = state.FindByServerUri(target) ?? state.FindByClientUri(source);
        if (ds == null)
        {
            Respond(map, StatusCode.NotFound, target, source);
            return;
        }

        var entries = map.MapItems
            .Where(m => m.Target?.LocURI != null && m.Source?.LocURI != null)
            .Select(m => new IdMapEntry(m.Source!.LocURI!.Trim(), m.Target!.LocURI!.Trim()))
            .ToList();

        // A Map may only name items of this datastore: the server ids of anyone else's items do not exist here (404).
        var named = entries.Select(e => e.Guid).Distinct(StringComparer.Ordinal).ToList();
        var existing = named.Count == 0
            ? []
            : (await uow.Items.GetAsync(ds.DatastoreId, named, false, ct)).Select(i => i.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = entries.Where(e => existing.Contains(e.Guid)).ToList();
        await uow.IdMaps.UpsertAsync(device.Id, ds.DatastoreId, known, ct);
        var code = known.Count < entries.Count ? StatusCode.NotFound : entries.Count == map.MapItems.Count ? StatusCode.Ok : StatusCode.BadRequest;
        if (known.Count < entries.Count)
        {
            logger.LogWarning("{Session}: Map for {Store} names {Count} server ids that are not items of it; those are refused", Describe(), ds.ServerUri, entries.Count - known.Count);
        }

        Respond(map, code, target, source);
    }
}
