using System.Globalization;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Which sync type a datastore's Alert gets (OMA-TS-DS_Protocol-V1_2 §5.6, §6.12; seed 002): what the device asked for,
/// unless its synchronization object does not match ours. Pure: the stored state in, the decision out.
/// </summary>
internal static class SyncTypeChoice
{
    // SyncState.ServerNextAnchor of a session in progress: this prefix and its sync type (cleared on success).
    private const string InProgressMarker = "in-progress:";

    /// <summary>True for the sync Alert codes this server serves: 200–210 and 225 Resume.</summary>
    public static bool IsSyncAlert(int code) => code is >= AlertCode.TwoWay and <= AlertCode.RefreshFromServerByServer || code == AlertCode.Resume;

    /// <summary>The marker saved while a session of sync type <paramref name="mode"/> is in progress, so it can be resumed.</summary>
    public static string InProgress(int mode) => InProgressMarker + mode.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sync type of the session that was interrupted, if one was.</summary>
    public static int? InterruptedMode(SyncState? saved) =>
        saved?.ServerNextAnchor is { } marker && marker.StartsWith(InProgressMarker, StringComparison.Ordinal) &&
        int.TryParse(marker.AsSpan(InProgressMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var mode)
            ? mode
            : null;

    /// <summary>True when the device's map is rebuilt from scratch: by twin matching (slow, refresh-from-client) or by Adds.</summary>
    public static bool RebuildsMap(int mode) => mode is AlertCode.SlowSync or AlertCode.RefreshFromClient or AlertCode.RefreshFromServer;

    /// <param name="code">the Alert's code</param>
    /// <param name="saved">the synchronization object of this device and datastore, if any</param>
    /// <param name="clientLast">the Last anchor the device sent</param>
    /// <param name="refusedFitNow">the device holds Adds refused for the quota (SyncState.QuotaRefused) and the quota has room now</param>
    public static SyncTypeDecision Choose(int code, SyncState? saved, string? clientLast, bool refusedFitNow = false)
    {
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

        var last = clientLast?.Trim();
        if (code == AlertCode.Resume)
        {
            // §6.12 Resume: continue the interrupted session in its sync type. Everything it applied is stored and its
            // map kept, so items the client sends again match by LUID. A session we know nothing of cannot be resumed:
            // 509 and a normal sync instead (as the Synthesis server answers).
            if (InterruptedMode(saved) is { } interrupted && string.Equals(last ?? string.Empty, saved?.LastAnchor ?? string.Empty, StringComparison.Ordinal))
            {
                return new SyncTypeDecision(interrupted, StatusCode.Ok, true);
            }
        }

        var anchorsMatch = saved?.LastAnchor != null && string.Equals(last, saved.LastAnchor, StringComparison.Ordinal);
        if (requested is AlertCode.TwoWay or AlertCode.OneWayFromClient or AlertCode.OneWayFromServer && !anchorsMatch)
        {
            // The synchronization object does not match (seed 002; §5.4, §6.1): a normal sync would miss or repeat
            // changes, so the server demands a slow sync with 508 Refresh required.
            return new SyncTypeDecision(AlertCode.SlowSync, StatusCode.RefreshRequired, false);
        }

        if (requested is AlertCode.TwoWay or AlertCode.OneWayFromClient && refusedFitNow)
        {
            // Items refused with 420 are not sent again by a device in a normal sync (it took the status as final); a
            // slow sync sends everything, so they are stored now that they fit, and the rest is matched as twins.
            return new SyncTypeDecision(AlertCode.SlowSync, StatusCode.RefreshRequired, false);
        }

        return new SyncTypeDecision(requested, code == AlertCode.Resume ? StatusCode.Reserved509 : StatusCode.Ok, false);
    }
}
