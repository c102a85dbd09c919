using System.Collections.Concurrent;
using Coffer.Sync.Sessions;
using Coffer.SyncML;

namespace Coffer.Sync.Progress;

/// <summary>
/// The sync sessions this server process is running, and the last <see cref="RecentLimit"/> it finished, for the
/// administration pages. Held in memory only: a restart forgets them, and a node sees only the sessions it served.
/// Updated once per message after its commit (never per item): each message replaces its session's immutable
/// <see cref="SyncSessionView"/>, so readers need no lock and the engine takes none.
/// </summary>
public sealed class SyncProgress(TimeProvider time, SyncServerOptions options)
{
    /// <summary>How many finished sessions are kept.</summary>
    public const int RecentLimit = 50;

    private readonly ConcurrentDictionary<string, SyncSessionView> live = new(StringComparer.Ordinal);
    private readonly LinkedList<SyncSessionView> recent = new();
    private readonly Lock recentLock = new();

    /// <summary>Running sessions, most recently started first.</summary>
    public IReadOnlyList<SyncSessionView> Live()
    {
        ForgetIdle();
        return [.. live.Values.OrderByDescending(s => s.Started).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>Finished sessions, most recently ended first.</summary>
    public IReadOnlyList<SyncSessionView> Recent()
    {
        ForgetIdle();
        lock (recentLock)
        {
            return [.. recent];
        }
    }

    /// <summary>
    /// A message of session <paramref name="id"/> was applied and committed: <paramref name="message"/> is what the
    /// device sent, <paramref name="reply"/> what it gets back. <paramref name="completed"/> when this message ended the sync.
    /// </summary>
    internal void Record(string id, SessionState state, SyncMLMessage message, SyncMLMessage reply, long received, long sent, bool completed)
    {
        var now = time.GetUtcNow();
        live.TryGetValue(id, out var before);
        var datastores = new DatastoreProgress[state.Datastores.Count];
        for (var i = 0; i < datastores.Length; i++)
        {
            var ds = state.Datastores[i];
            var earlier = before?.Datastores.FirstOrDefault(d => d.Datastore == ds.ServerUri);
            datastores[i] = new DatastoreProgress(
                ds.ServerUri,
                SyncTypeNames.Of(ds.Mode),
                ds.ClientAdds + ds.ClientReplaces + ds.ClientDeletes + ds.ClientRejects,
                Announced(message, ds.ServerUri) ?? earlier?.FromClientTotal,
                ds.ServerAdds + ds.ServerReplaces + ds.ServerDeletes,
                Announced(reply, ds.ClientUri) ?? earlier?.ToClientTotal);
        }

        var view = new SyncSessionView(
            id,
            state.UserName,
            state.DeviceId,
            before?.Started ?? now,
            now,
            (before?.Messages ?? 0) + 1,
            (before?.BytesReceived ?? 0) + received,
            (before?.BytesSent ?? 0) + sent,
            datastores);
        if (completed)
        {
            live.TryRemove(id, out _);
            Finish(view with { Outcome = "completed", Ended = now });
        }
        else
        {
            live[id] = view;
        }
    }

    /// <summary>A running session ended without completing (its account was disabled, say).</summary>
    internal void End(string id, string outcome)
    {
        if (live.TryRemove(id, out var view))
        {
            Finish(view with { Outcome = outcome, Ended = time.GetUtcNow() });
        }
    }

    // §5.5: the first Sync command of a package may carry NumberOfChanges; a later message of the package has none,
    // so the earlier figure stays.
    private static long? Announced(SyncMLMessage message, string target)
    {
        foreach (var command in message.Body.Commands)
        {
            if (command is SyncCommand { NumberOfChanges: { } n } sync && string.Equals(sync.Target?.LocURI?.Trim(), target, StringComparison.OrdinalIgnoreCase))
            {
                return n;
            }
        }

        return null;
    }

    private void ForgetIdle()
    {
        var cutoff = time.GetUtcNow() - options.SessionLifetime;
        foreach (var (id, view) in live)
        {
            if (view.LastMessage < cutoff && live.TryRemove(id, out _))
            {
                Finish(view with { Outcome = "abandoned", Ended = view.LastMessage });
            }
        }
    }

    private void Finish(SyncSessionView view)
    {
        lock (recentLock)
        {
            recent.AddFirst(view);
            while (recent.Count > RecentLimit)
            {
                recent.RemoveLast();
            }
        }
    }
}
