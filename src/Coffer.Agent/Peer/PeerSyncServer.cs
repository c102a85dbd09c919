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
    /// <exception cref="PeerBusyException">A session of the datastore is under way.</exception>
    public async Task<PeerSyncSession> StartAsync(IPEndPoint endpoint, string datastore, string secret, IPAddress? expectedPeer, IProgress<PeerSyncProgress>? progress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var (info, kind) = PeerDatastores.Find(datastore);
        var held = Lock(info.Name);
        PeerStore? store = null;
        try
        {
            store = await PeerStore.OpenAsync(local.StateDir, secret, ct).ConfigureAwait(false);
            var mirror = new FolderMirror(store, info, kind, PeerDatastores.Folder(local, info), MirrorState.PathOf(local.StateDir, info.Name));
            await mirror.ImportAsync(ct).ConfigureAwait(false);
            return new PeerSyncSession(store, mirror, info, endpoint, expectedPeer, progress, held);
        }
        catch
        {
            if (store != null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Holds the datastore's lock file (an exclusive open, so another process sees it too).</summary>
    /// <exception cref="PeerBusyException">Another session of the datastore holds it.</exception>
    private FileStream Lock(string datastore)
    {
        var dir = PeerStore.Directory(local.StateDir);
        Directory.CreateDirectory(dir);
        try
        {
            return new FileStream(Path.Combine(dir, datastore + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new PeerBusyException($"a peer session of {datastore} is already under way", ex);
        }
    }
}
