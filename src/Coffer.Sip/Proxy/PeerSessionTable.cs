namespace Coffer.Sip.Proxy;

/// <summary>
/// The active peer sessions, by Call-ID. A session enters when its INVITE is forwarded and leaves on BYE (seed 003
/// step 22: the server recycles the session information), on failure, and — should neither come — when the sweep
/// finds it older than the lifetime. Observers get every change through <see cref="Changed"/>.
/// </summary>
public sealed class PeerSessionTable(TimeProvider time, TimeSpan lifetime, int recentCapacity = 100) : IDisposable
{
    private readonly Dictionary<string, PeerSession> _sessions = new(StringComparer.Ordinal);
    private readonly Queue<PeerSessionChange> _recent = new();
    private readonly Dictionary<PeerSessionOutcome, long> _ended = Enum.GetValues<PeerSessionOutcome>().ToDictionary(o => o, _ => 0L);
    private long _started;
    private ITimer? _sweeper;

    public event EventHandler<PeerSessionChange>? Changed;

    public TimeProvider Time { get; } = time;

    public TimeSpan Lifetime { get; } = lifetime;

    public int Count
    {
        get
        {
            lock (_sessions)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Sweeps expired sessions every <paramref name="interval"/> of the table's clock.</summary>
    public void StartSweeping(TimeSpan interval) => _sweeper ??= Time.CreateTimer(_ => Sweep(), null, interval, interval);

    /// <summary>Adds a session unless its Call-ID is known or its callee device is already in a session (then busy).</summary>
    public bool TryBegin(PeerSession session)
    {
        lock (_sessions)
        {
            if (_sessions.ContainsKey(session.CallId) ||
                _sessions.Values.Any(s => s.Involves(session.Callee, session.CalleeDevice)))
            {
                return false;
            }
            _sessions[session.CallId] = session;
            _started++;
        }
        Raise(new PeerSessionChange(session));
        return true;
    }

    public PeerSession? Find(string callId)
    {
        lock (_sessions)
        {
            return _sessions.GetValueOrDefault(callId);
        }
    }

    public IReadOnlyList<PeerSession> Snapshot()
    {
        lock (_sessions)
        {
            return _sessions.Values.OrderBy(s => s.Started).ToList();
        }
    }

    /// <summary>The last sessions that ended, newest last.</summary>
    public IReadOnlyList<PeerSessionChange> Recent()
    {
        lock (_sessions)
        {
            return _recent.ToList();
        }
    }

    public PeerSessionCounts Counts()
    {
        lock (_sessions)
        {
            var byState = Enum.GetValues<PeerSessionState>().ToDictionary(s => s, s => _sessions.Values.Count(x => x.State == s));
            return new PeerSessionCounts(_sessions.Count, byState, _started, new Dictionary<PeerSessionOutcome, long>(_ended));
        }
    }

    /// <summary>
    /// Moves a session forward to a state (and takes the answer's description when given). Unknown Call-IDs and moves
    /// back (an ACK retransmitted after the BYE) are ignored.
    /// </summary>
    public void Update(string callId, PeerSessionState state, Session.SessionDescription? description = null)
    {
        PeerSession? updated;
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(callId, out var session) || state < session.State ||
                (session.State == state && description is null))
            {
                return;
            }
            updated = session with { State = state, Description = description ?? session.Description };
            _sessions[callId] = updated;
        }
        Raise(new PeerSessionChange(updated));
    }

    public void End(string callId, PeerSessionOutcome outcome, int? status = null)
    {
        PeerSessionChange change;
        lock (_sessions)
        {
            if (!_sessions.Remove(callId, out var session))
            {
                return;
            }
            change = new PeerSessionChange(session, outcome, status);
            Record(change);
        }
        Raise(change);
    }

    /// <summary>Removes the sessions older than the lifetime.</summary>
    public int Sweep()
    {
        var now = Time.GetUtcNow();
        List<PeerSessionChange> expired;
        lock (_sessions)
        {
            expired = _sessions.Values.Where(s => now - s.Started >= Lifetime)
                .Select(s => new PeerSessionChange(s, PeerSessionOutcome.Expired)).ToList();
            foreach (var change in expired)
            {
                _sessions.Remove(change.Session.CallId);
                Record(change);
            }
        }
        foreach (var change in expired)
        {
            Raise(change);
        }
        return expired.Count;
    }

    private void Record(PeerSessionChange change)
    {
        _ended[change.Outcome!.Value]++;
        _recent.Enqueue(change);
        while (_recent.Count > recentCapacity)
        {
            _recent.Dequeue();
        }
    }

    private void Raise(PeerSessionChange change) => Changed?.Invoke(this, change);

    public void Dispose() => _sweeper?.Dispose();
}
