using Coffer.Storage;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// The client's Statuses for our commands (OMA-TS-SyncML_RepPro-V1_2 §5.4): an accepted Delete drops the device's
/// mapping; a refused change keeps the device's cursor below it, so the next sync offers it again.
/// </summary>
internal sealed class ClientStatuses(MessageContext ctx)
{
    public async Task HandleAsync(StatusCommand status, CancellationToken ct)
    {
        if (!ctx.State.Outstanding.Remove(status.MsgRef + "/" + status.CmdRef, out var sent))
        {
            if (status.Code >= 400 && status.Cmd is not ("SyncHdr" or "Results"))
            {
                ctx.Logger.LogWarning("{Session}: client answered {Cmd} {CmdRef} with {Code}", ctx.Describe(), status.Cmd, status.CmdRef, status.Code);
            }

            return;
        }

        var ds = ctx.State.FindByClientUri(sent.ClientUri);
        if (ds == null)
        {
            return;
        }

        if (status.Code is >= 200 and < 300)
        {
            if (sent.Op == "Delete")
            {
                await ctx.Uow.IdMaps.DeleteByGuidAsync(ctx.Device.Id, ds.DatastoreId, [sent.Guid], ct);
            }

            return;
        }

        // Refused (e.g. the phone is full, 420): keep the cursor below it so the next sync offers it again.
        ds.LowestFailedSequence = Math.Min(ds.LowestFailedSequence ?? long.MaxValue, sent.Sequence);
        ctx.Logger.LogWarning("{Session}: device refused {Op} of {Guid} in {Store} with {Code}", ctx.Describe(), sent.Op, sent.Guid, ds.ServerUri, status.Code);
    }
}
