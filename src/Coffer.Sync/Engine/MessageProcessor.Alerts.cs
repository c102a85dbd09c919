using System.Globalization;
using System.Xml.Linq;
using Coffer.Storage;
using Coffer.Sync.Datastores;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    private static readonly XNamespace MetInfNs = "syncml:metinf";

    // SyncState.ServerNextAnchor of a session in progress: this prefix and its sync type (cleared on success).
    private const string InProgressMarker = "in-progress:";

    private static int? InterruptedMode(SyncState? saved) =>
        saved?.ServerNextAnchor is { } marker && marker.StartsWith(InProgressMarker, StringComparison.Ordinal) &&
        int.TryParse(marker.AsSpan(InProgressMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var mode)
            ? mode
            : null;

    private async Task HandleAlertAsync(AlertCommand alert, CancellationToken ct)
    {
        if (alert.Code == null)
        {
            // Data (the alert code) is mandatory in an Alert (OMA-TS-SyncML_RepPro-V1_2, Alert element and DTD): malformed
            // syntax is 400 (§10 status codes); 406 would claim a valid but unsupported optional feature.
            Respond(alert, StatusCode.BadRequest);
            logger.LogWarning("{Session}: Alert {CmdId} without Data", Describe(), alert.CmdID);
            return;
        }

        var code = alert.Code.Value;
        switch (code)
        {
            case AlertCode.NextMessage:
            case AlertCode.NoEndOfData:
                // The client asks for the next message of our package (OMA-TS-DS_Protocol-V1_2 §6.4).
                Respond(alert, StatusCode.Ok);
                return;
            case AlertCode.Suspend:
                // §6.12 Suspend: everything acknowledged so far is already stored; the state stays for a resume.
                Respond(alert, StatusCode.Ok);
                logger.LogInformation("{Session}: suspended by the client", Describe());
                return;
            case AlertCode.Display:
                Respond(alert, StatusCode.Ok);
                return;
        }

        if (code is < AlertCode.TwoWay or > AlertCode.RefreshFromServerByServer && code != AlertCode.Resume)
        {
            Respond(alert, StatusCode.OptionalFeatureNotSupported);
            return;
        }

        var item = alert.Items.FirstOrDefault();
        var target = item?.Target?.LocURI?.Trim();
        var source = item?.Source?.LocURI?.Trim();
        var anchor = item?.Meta?.Anchor ?? alert.Meta?.Anchor;
        if (target == null || source == null || !DatastoreCatalog.TryResolve(target, out var kind))
        {
            Respond(alert, StatusCode.NotFound, target, source);
            logger.LogWarning("{Session}: alert for unknown datastore '{Target}'", Describe(), target);
            return;
        }

        var datastore = await uow.Datastores.EnsureAsync(user.Id, kind, ct);
        var saved = await uow.SyncStates.GetAsync(device.Id, datastore.Id, ct);
        var requested = code switch
        {
            // Server-alerted codes name the same six sync types (OMA-TS-DS_Protocol-V1_2 §8.2, Alert codes 206–210).
            AlertCode.TwoWayByServer => AlertCode.TwoWay,
            AlertCode.OneWayFromClientByServer => AlertCode.OneWayFromClient,
            AlertCode.RefreshFromClientByServer => AlertCode.RefreshFromClient,
            AlertCode.OneWayFromServerByServer => AlertCode.OneWayFromServer,
            AlertCode.RefreshFromServerByServer => AlertCode.RefreshFromServer,
            AlertCode.Resume => AlertCode.TwoWay,
            _ => code,
        };

        var mode = requested;
        var statusCode = StatusCode.Ok;
        var anchorsMatch = saved?.LastAnchor != null && string.Equals(anchor?.Last?.Trim(), saved.LastAnchor, StringComparison.Ordinal);
        var resuming = false;
        if (code == AlertCode.Resume)
        {
            // OMA-TS-DS_Protocol-V1_2 §6.12 Resume: continue the interrupted session in its sync type. Everything it
            // applied is stored and its map kept, so items the client sends again match by LUID. A session we know
            // nothing of cannot be resumed: 509 and a normal sync instead (as the Synthesis server answers).
            var interrupted = InterruptedMode(saved);
            var lastMatches = string.Equals(anchor?.Last?.Trim() ?? string.Empty, saved?.LastAnchor ?? string.Empty, StringComparison.Ordinal);
            if (interrupted != null && lastMatches)
            {
                mode = interrupted.Value;
                resuming = true;
            }
            else
            {
                statusCode = StatusCode.Reserved509;
            }
        }

        if (!resuming && requested is AlertCode.TwoWay or AlertCode.OneWayFromClient or AlertCode.OneWayFromServer && !anchorsMatch)
        {
            // The "synchronization object" does not match (seed 002; OMA-TS-DS_Protocol-V1_2 §5.4/§6.1): a normal
            // sync would miss or repeat changes, so the server demands a slow sync with 508 Refresh required.
            mode = AlertCode.SlowSync;
            statusCode = StatusCode.RefreshRequired;
            logger.LogInformation(
                "{Session}: {Store} anchors do not match (device Last '{Last}', server has '{Saved}'): slow sync",
                Describe(),
                target,
                anchor?.Last,
                saved?.LastAnchor);
        }

        if (!resuming && mode is AlertCode.SlowSync or AlertCode.RefreshFromClient or AlertCode.RefreshFromServer)
        {
            // The device's map is rebuilt from scratch: by twin matching (slow, refresh-from-client) or by Adds.
            await uow.IdMaps.ClearAsync(device.Id, datastore.Id, ct);
        }

        state.Datastores.RemoveAll(d => d.ClientUri == source);
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
                (await uow.Items.GetCurrentSequenceAsync(user.Id, ct)).ToString(CultureInfo.InvariantCulture),
            StartCursor = mode is AlertCode.SlowSync or AlertCode.RefreshFromServer or AlertCode.RefreshFromClient ? 0 : saved?.AckedSequence ?? 0,
            MaxObjSize = item?.Meta?.MaxObjSize,
        };
        state.Datastores.Add(ds);

        // Remember that a session of this sync type is in progress, so an interrupted one can be resumed (225).
        await uow.SyncStates.SaveAsync(
            new SyncState(device.Id, datastore.Id, saved?.LastAnchor, ds.ClientNextAnchor, saved?.ServerLastAnchor, InProgressMarker + mode.ToString(CultureInfo.InvariantCulture), saved?.SentSequence ?? 0, saved?.AckedSequence ?? 0, saved?.LastSuccess, time.GetUtcNow()),
            ct);

        var status = Respond(alert, statusCode, target, source);
        if (status != null && anchor?.Next != null)
        {
            // The Status for a sync Alert echoes the client's Next anchor (OMA-TS-DS_Protocol-V1_2 §5.6.2).
            status.Items.Add(new Item { Data = ItemData.FromElement(new XElement(MetInfNs + "Anchor", new XElement(MetInfNs + "Next", anchor.Next))) });
        }

        var serverAlert = new AlertCommand { Code = mode };
        serverAlert.Items.Add(new Item
        {
            Target = new SyncLocation(source),
            Source = new SyncLocation(target),
            Meta = new MetInf
            {
                Anchor = new Anchor { Last = ds.ServerLastAnchor, Next = ds.ServerNextAnchor },
                MaxObjSize = options.MaxObjSize,
            },
        });
        reply.Add(serverAlert, 500);
        logger.LogInformation("{Session}: {Store} requested {Requested}, syncing as {Mode}{Resumed}", Describe(), target, code, mode, resuming ? " (resumed)" : string.Empty);

        if (!state.DevInfRequested && !message.Body.Commands.OfType<PutCommand>().Any() && await GetDeviceInfoAsync(ct) == null)
        {
            RequestDeviceInfo();
        }
    }
}
