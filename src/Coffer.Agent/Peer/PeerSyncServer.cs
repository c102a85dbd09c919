using System.Net;

namespace Coffer.Agent.Peer;

/// <summary>
/// The invited agent's side of a direct SyncML session (seed 003, issue 19): it acts as the SyncML server for that
/// session, with Coffer.Sync's engine over its peer store (<see cref="PeerStore"/>), which mirrors the datastore's
/// folder (<see cref="FolderMirror"/>). The SIP side agrees the endpoint and the secret with the inviting agent, then
/// calls <see cref="StartAsync"/> and hands the URL to the peer.
/// </summary>
public sealed class PeerSyncServer(PeerSide local)
{
    /// <summary>
    /// Imports the folder's changes into the peer store and starts listening on <paramref name="endpoint"/> (port 0: any
    /// free port) for one session of <paramref name="datastore"/>, whose peer authenticates with
    /// <paramref name="secret"/>; only <paramref name="expectedPeer"/>'s connections are served when it is given.
    /// </summary>
    /// <exception cref="ArgumentException">Not a datastore agents sync by SyncML.</exception>
    public async Task<PeerSyncSession> StartAsync(IPEndPoint endpoint, string datastore, string secret, IPAddress? expectedPeer, IProgress<PeerSyncProgress>? progress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var (info, kind) = PeerDatastores.Find(datastore);
        var store = await PeerStore.OpenAsync(local.StateDir, secret, ct).ConfigureAwait(false);
        try
        {
            var mirror = new FolderMirror(store, info, kind, PeerDatastores.Folder(local, info), MirrorState.PathOf(local.StateDir, info.Name));
            await mirror.ImportAsync(ct).ConfigureAwait(false);
            return new PeerSyncSession(store, mirror, info, endpoint, expectedPeer, progress);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
