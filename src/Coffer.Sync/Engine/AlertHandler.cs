using System.Globalization;
using System.Xml.Linq;
using Coffer.Storage;
using Coffer.Sync.Datastores;
using Coffer.Sync.Quotas;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// The client's Alerts: a sync Alert opens a datastore for this session in the sync type <see cref="SyncTypeChoice"/>
/// decides and is answered with our own Alert and anchors (package 2, OMA-TS-DS_Protocol-V1_2 §5.5); the other codes
/// steer the packages (222 next message, 223 suspend, 100 display).
/// </summary>
internal sealed class AlertHandler(MessageContext ctx, SyncServerOptions options, TimeProvider time, DeviceInfoExchange devInf)
{
    private static readonly XNamespace MetInfNs = "syncml:metinf";

    public async Task HandleAsync(AlertCommand alert, CancellationToken ct)
    {
        if (alert.Code == null)
        {
            // Data (the alert code) is mandatory in an Alert (OMA-TS-SyncML_RepPro-V1_2, Alert element and DTD): malformed
            // syntax is 400 (§10 status codes); 406 would claim a valid but unsupported optional feature.
            ctx.Respond(alert, StatusCode.BadRequest);
            ctx.Logger.LogWarning("{Session}: Alert {CmdId} without Data", ctx.Describe(), alert.CmdID);
            return;
        }

        switch (alert.Code.Value)
        {
            case AlertCode.NextMessage:
            case AlertCode.NoEndOfData:
                // The client asks for the next message of our package (OMA-TS-DS_Protocol-V1_2 §6.4).
                ctx.Respond(alert, StatusCode.Ok);
                return;
            case AlertCode.Suspend:
                // §6.12 Suspend: everything acknowledged so far is already stored; the state stays for a resume.
                ctx.Respond(alert, StatusCode.Ok);
                ctx.Logger.LogInformation("{Session}: suspended by the client", ctx.Describe());
                return;
            case AlertCode.Display:
                ctx.Respond(alert, StatusCode.Ok);
                return;
            case var code when !SyncTypeChoice.IsSyncAlert(code):
                ctx.Respond(alert, StatusCode.OptionalFeatureNotSupported);
                return;
        }

        await OpenDatastoreAsync(alert, alert.Code.Value, ct);
    }

    private async Task OpenDatastoreAsync(AlertCommand alert, int code, CancellationToken ct)
    {
        var item = alert.Items.FirstOrDefault();
        var target = item?.Target?.LocURI?.Trim();
        var source = item?.Source?.LocURI?.Trim();
        var anchor = item?.Meta?.Anchor ?? alert.Meta?.Anchor;
        if (target == null || source == null || !DatastoreCatalog.TryResolve(target, out var kind))
        {
            ctx.Respond(alert, StatusCode.NotFound, target, source);
            ctx.Logger.LogWarning("{Session}: alert for unknown datastore '{Target}'", ctx.Describe(), target);
            return;
        }

        var uow = ctx.Uow;
        var datastore = await uow.Datastores.EnsureAsync(ctx.User.Id, kind, ct);
        var saved = await uow.SyncStates.GetAsync(ctx.Device.Id, datastore.Id, ct);
        var refusedFitNow = saved?.QuotaRefused == true && (await QuotaCheck.LoadAsync(uow, ctx.User.Id, options.Quota, ct)).HasRoom;
        var decision = SyncTypeChoice.Choose(code, saved, anchor?.Last, refusedFitNow);
        var mode = decision.Mode;
        if (decision.Status == StatusCode.RefreshRequired)
        {
            ctx.Logger.LogInformation(
                "{Session}: {Store} anchors do not match (device Last '{Last}', server has '{Saved}'): slow sync",
                ctx.Describe(),
                target,
                anchor?.Last,
                saved?.LastAnchor);
        }

        if (!decision.Resuming && SyncTypeChoice.RebuildsMap(mode))
        {
            await uow.IdMaps.ClearAsync(ctx.Device.Id, datastore.Id, ct);
        }

        ctx.State.Datastores.RemoveAll(d => d.ClientUri == source);
        var ds = new DatastoreSession
        {
            ClientUri = source,
            ServerUri = target,
            Kind = kind,
            DatastoreId = datastore.Id,
            Mode = mode,
            ClientNextAnchor = anchor?.Next?.Trim(),
            ServerLastAnchor = saved?.ServerLastAnchor,
            ServerNextAnchor = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
                (await uow.Items.GetCurrentSequenceAsync(ctx.User.Id, ct)).ToString(CultureInfo.InvariantCulture),
            StartCursor = SyncTypeChoice.RebuildsMap(mode) ? 0 : saved?.AckedSequence ?? 0,
            MaxObjSize = item?.Meta?.MaxObjSize,
            RecoverySequence = saved?.RecoverySequence,
        };
        ctx.State.Datastores.Add(ds);

        // Remember that a session of this sync type is in progress, so an interrupted one can be resumed (225).
        await uow.SyncStates.SaveAsync(
            new SyncState(ctx.Device.Id, datastore.Id, saved?.LastAnchor, ds.ClientNextAnchor, saved?.ServerLastAnchor, SyncTypeChoice.InProgress(mode), saved?.SentSequence ?? 0, saved?.AckedSequence ?? 0, saved?.LastSuccess, time.GetUtcNow(), saved?.RecoverySequence, saved?.QuotaRefused ?? false),
            ct);

        var status = ctx.Respond(alert, decision.Status, target, source);
        if (status != null && anchor?.Next != null)
        {
            // The Status for a sync Alert echoes the client's Next anchor (OMA-TS-DS_Protocol-V1_2 §5.6.2).
            status.Items.Add(new Item { Data = ItemData.FromElement(new XElement(MetInfNs + "Anchor", new XElement(MetInfNs + "Next", anchor.Next))) });
        }

        AddServerAlert(ds);
        ctx.Logger.LogInformation(
            "{Session}: {Store} requested {Requested}, syncing as {Mode}{Resumed}{Recovered}",
            ctx.Describe(),
            target,
            code,
            mode,
            decision.Resuming ? " (resumed)" : string.Empty,
            ds.AfterRecovery ? " after a recovery: the recovered data wins" : string.Empty);
        await devInf.RequestIfUnknownAsync(ct);
    }

    /// <summary>Our Alert for the datastore: the sync type in effect and the server's anchors (§5.5, package 2).</summary>
    private void AddServerAlert(DatastoreSession ds)
    {
        var serverAlert = new AlertCommand { Code = ds.Mode };
        serverAlert.Items.Add(new Item
        {
            Target = new SyncLocation(ds.ClientUri),
            Source = new SyncLocation(ds.ServerUri),
            Meta = new MetInf
            {
                Anchor = new Anchor { Last = ds.ServerLastAnchor, Next = ds.ServerNextAnchor },

                // A datastore of blobs takes objects up to MaxBlobSize, streamed into the blob store (docs/sync-engine.md).
                MaxObjSize = BlobKinds.Holds(ds.Kind) ? options.MaxBlobSize : options.MaxObjSize,
            },
        });
        ctx.Reply.Add(serverAlert, 500);
    }
}
