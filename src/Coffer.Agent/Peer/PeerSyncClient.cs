using System.Net;
using System.Net.Sockets;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Agent.Sources;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Agent.Peer;

/// <summary>
/// The inviting agent's side of a direct SyncML session: the agent's own SyncML client (<see cref="SyncClient"/>) over
/// the datastore's folder, against the invited agent's URL, logging in as <see cref="PeerStore.UserName"/> with the
/// session secret (md5). The anchors and LUIDs are kept per peer device (<c>peers/DEVICE/NAME.json</c> in the state
/// directory): the first session with a peer is a slow sync, the next ones two-way.
/// </summary>
public sealed class PeerSyncClient(PeerSide local)
{
    /// <summary>The address connections leave from (this agent's address in the session description); null: the system's choice.</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>
    /// Runs one session of <paramref name="datastore"/> with the agent <paramref name="peerDeviceId"/> at
    /// <paramref name="url"/>. The state is saved whatever the outcome, so items already received are not sent back as
    /// new; the anchor moves only when the session completes.
    /// </summary>
    /// <exception cref="AuthenticationFailedException">The peer refused the secret (status 401).</exception>
    /// <exception cref="HttpRequestException">The peer cannot be reached or the connection dropped.</exception>
    /// <exception cref="SyncProtocolException">The peer refused something else or broke the protocol.</exception>
    public async Task<PeerSyncResult> RunAsync(Uri url, string peerDeviceId, string datastore, string secret, IProgress<PeerSyncProgress>? progress, CancellationToken ct)
    {
        var (info, _) = PeerDatastores.Find(datastore);
        var stateFile = StateFile(local.StateDir, peerDeviceId, info.Name);
        var state = LocalStateFile.Load(stateFile);
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        var folder = new FolderSyncSource(info, PeerDatastores.Folder(local, info), state);
        long sent = 0;
        long? sentTotal = null;
        var source = new ReceivingCounter(folder, received => progress?.Report(new PeerSyncProgress(info.Name, sent, sentTotal, received, null)));
        using var handler = new SocketsHttpHandler { ConnectCallback = ConnectAsync, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        var client = new SyncClient(
            new ClientAccount(PeerStore.UserName, secret, local.DeviceId, url),
            new ClientSettings { SpoolDirectory = Path.GetDirectoryName(stateFile), Model = "coffer-agent peer" },
            new HttpSyncTransport(http),
            SyncMLCodec.Wbxml,
            [info])
        {
            Auth = new AuthState { Type = AuthTypes.Md5 },
            Progress = (_, done, total) =>
            {
                (sent, sentTotal) = (done, total);
                progress?.Report(new PeerSyncProgress(info.Name, done, total, source.Received, null));
            },
        };

        var alert = state.LastAnchor == null ? AlertCode.SlowSync : AlertCode.TwoWay;
        try
        {
            var result = await client.SyncAsync(source, alert, ct).ConfigureAwait(false);
            return new PeerSyncResult(info.Name, SyncModeNames.Of(result.ServerAlert), true, result.ItemsSent, result.ItemsReceived);
        }
        finally
        {
            LocalStateFile.Save(stateFile, state);
        }
    }

    /// <summary>Where the anchors and LUIDs of <paramref name="datastore"/> with <paramref name="peerDeviceId"/> are kept.</summary>
    public static string StateFile(string stateDir, string peerDeviceId, string datastore)
    {
        var safe = string.Concat(peerDeviceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(stateDir, "peers", safe.Trim('.'), datastore + ".json");
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (LocalAddress != null)
            {
                socket.Bind(new IPEndPoint(LocalAddress, 0));
            }

            await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
