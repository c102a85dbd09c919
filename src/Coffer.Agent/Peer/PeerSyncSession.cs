using System.Net;
using Coffer.Agent.Sources;
using Coffer.Sync;
using Coffer.Sync.Engine;
using Coffer.Sync.Progress;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Agent.Peer;

/// <summary>
/// One peer session an invited agent serves (<see cref="PeerSyncServer.StartAsync"/>): Coffer.Sync's engine over the
/// peer store, behind <see cref="PeerHttpServer"/>. Messages are handled one at a time. When the engine reports the
/// session completed, the peer's changes are written to the folder before the last reply leaves, and the session
/// accepts nothing more (410). Disposing it before that stops it; what the peer's messages committed so far is
/// written to the folder then, as whole items.
/// </summary>
public sealed class PeerSyncSession : IAsyncDisposable
{
    private readonly PeerStore store;
    private readonly FolderMirror mirror;
    private readonly DatastoreInfo info;
    private readonly IProgress<PeerSyncProgress>? progress;
    private readonly SyncProgress sessions;
    private readonly SyncEngine engine;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly TaskCompletionSource<PeerSyncResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PeerHttpServer http;
    private readonly FileStream held;
    private bool ended;

    internal PeerSyncSession(PeerStore store, FolderMirror mirror, DatastoreInfo info, IPEndPoint endpoint, IPAddress? expectedPeer, IProgress<PeerSyncProgress>? progress, FileStream held)
    {
        this.held = held;
        this.store = store;
        this.mirror = mirror;
        this.info = info;
        this.progress = progress;
        var options = new SyncServerOptions
        {
            // The peer answers the md5 challenge with the session secret, which never crosses the wire.
            PreferredAuthType = Coffer.SyncML.Auth.AuthTypes.Md5,
        };
        sessions = new SyncProgress(TimeProvider.System, options);
        engine = new SyncEngine(store.Store, Coffer.Sync.Content.ContentHandlers.CreateDefault(), options, TimeProvider.System, NullLogger<SyncEngine>.Instance, progress: sessions);
        http = new PeerHttpServer(endpoint, expectedPeer, options.RequestLimit, HandleAsync);
        http.Start();
        Url = new Uri($"http://{http.LocalEndpoint}/sync");
    }

    /// <summary>The URL the peer syncs with (its port the one the system chose when 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>The session's outcome, once it completed or was stopped.</summary>
    public Task<PeerSyncResult> Completion => completion.Task;

    public async ValueTask DisposeAsync()
    {
        await http.DisposeAsync().ConfigureAwait(false);
        await oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!ended)
            {
                ended = true;
                try
                {
                    await mirror.ExportAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                    throw;
                }

                completion.TrySetResult(Result(completed: false) with { Error = "the session ended before it completed" });
            }
        }
        finally
        {
            oneAtATime.Release();
            await store.DisposeAsync().ConfigureAwait(false);
            await held.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<PeerHttpResponse> HandleAsync(PeerHttpRequest request, CancellationToken ct)
    {
        await oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (ended)
            {
                return PeerHttpResponse.Text(410, "This peer session has ended.");
            }

            var response = await engine.HandleAsync(new SyncRequest(request.Body, request.ContentType, request.Query("s"), Url.ToString(), request.Remote.ToString()), ct).ConfigureAwait(false);
            if (response.Delay > TimeSpan.Zero)
            {
                // A refused login is answered late, as the server does: guessing the secret slows down.
                await Task.Delay(response.Delay, ct).ConfigureAwait(false);
            }

            var view = Current();
            if (view?.Datastores.FirstOrDefault() is { } ds)
            {
                progress?.Report(new PeerSyncProgress(info.Name, ds.ToClientDone, ds.ToClientTotal, ds.FromClientDone, ds.FromClientTotal));
            }

            if (string.Equals(view?.Outcome, "completed", StringComparison.Ordinal))
            {
                ended = true;
                try
                {
                    await mirror.ExportAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // The store holds the peer's changes; the next session's export writes them (disk full, say).
                    completion.TrySetException(ex);
                    throw;
                }

                completion.TrySetResult(Result(completed: true));
            }

            return new PeerHttpResponse(response.HttpStatus, response.Body, response.ContentType);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private SyncSessionView? Current() => sessions.Live().FirstOrDefault() ?? sessions.Recent().FirstOrDefault();

    private PeerSyncResult Result(bool completed)
    {
        var ds = Current()?.Datastores.FirstOrDefault();
        return new PeerSyncResult(info.Name, ds?.SyncType ?? "none", completed, ds?.ToClientDone ?? 0, ds?.FromClientDone ?? 0);
    }
}
