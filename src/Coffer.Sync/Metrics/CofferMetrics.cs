using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coffer.Sync.Metrics;

/// <summary>
/// The meters the sync server records; /metrics exposes them in Prometheus text format (docs/operations.md lists
/// them). The engine calls these methods and never touches instruments directly. One instance per host, its meter
/// made by the host's <see cref="IMeterFactory"/>, so two hosts in one process (tests) count apart.
/// </summary>
public sealed class CofferMetrics : IDisposable
{
    /// <summary>Name of the <see cref="Meter"/> (every meter whose name starts with "Coffer" is exported).</summary>
    public const string MeterName = "Coffer.Sync";

    private static readonly long StartTimestamp = Stopwatch.GetTimestamp();

    private readonly Meter meter;
    private readonly IThreadClock clock;
    private readonly Counter<long> sessions;

    // Sessions in progress on this node, by session label, with the time they were last seen. A client may
    // abandon a session at any time, so the gauge forgets sessions idle longer than their lifetime.
    private readonly ConcurrentDictionary<string, long> active = new(StringComparer.Ordinal);
    private readonly Counter<long> authFailures;
    private readonly Counter<long> passwordHashes;
    private readonly Counter<long> items;
    private readonly Counter<long> bytes;
    private readonly Histogram<double> messageDuration;

    // Process CPU (user + system, every thread) consumed while messages were being processed: what syncing costs the
    // server, without what an idle process burns between messages (timers) while a client is busy elsewhere.
    private readonly Counter<double> messageCpu;

    // The handling thread's own CPU: unlike the process figure above, it leaves out what other threads do meanwhile
    // (background JIT, timers, concurrent sessions), so concurrent messages are not counted twice.
    private readonly Counter<double> messageThreadCpu;

    /// <param name="meterFactory">The host's factory (null: a meter of its own, for an engine without a host).</param>
    /// <param name="threadClock">Per-thread CPU and disk reads, when the host offers them.</param>
    public CofferMetrics(IMeterFactory? meterFactory = null, IThreadClock? threadClock = null)
    {
        meter = meterFactory?.Create(MeterName, "1.0") ?? new Meter(MeterName, "1.0");
        clock = threadClock ?? NoThreadClock.Instance;
        sessions = meter.CreateCounter<long>("coffer.sync.sessions", "{session}", "SyncML sessions that ended, by outcome.");
        meter.CreateObservableGauge("coffer.sync.sessions.active", () => (long)active.Count, "{session}", "SyncML sessions in progress on this node.");
        authFailures = meter.CreateCounter<long>(
            "coffer.auth.failures", "{attempt}", "Logins refused, by reason (missing, invalid, throttled, stale_nonce, session_mismatch).");
        passwordHashes = meter.CreateCounter<long>(
            "coffer.auth.password_hashes", "{hash}", "PBKDF2 derivations made to check or set a password, by iteration count: what logins cost.");
        items = meter.CreateCounter<long>(
            "coffer.sync.items", "{item}", "Item changes by datastore, operation (add, replace, delete, reject) and direction (from_client, to_client).");
        bytes = meter.CreateCounter<long>(
            "coffer.sync.bytes", "By", "SyncML message bytes on the wire: direction in = received from clients, out = sent to them.");
        messageDuration = meter.CreateHistogram(
            "coffer.sync.message.duration",
            "s",
            "Time from receiving a SyncML message to having its reply ready, by encoding (xml, wbxml).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        messageCpu = meter.CreateCounter<double>(
            "coffer.sync.message.cpu", "s", "Process CPU time (all threads) spent while SyncML messages were processed, by encoding.");
        messageThreadCpu = meter.CreateCounter<double>(
            "coffer.sync.message.thread_cpu", "s", "CPU time of the threads that processed SyncML messages, while they did (Linux only), by encoding.");
        meter.CreateObservableCounter("coffer.process.cpu", () => Environment.CpuUsage.TotalTime.TotalSeconds, "s", "CPU time (user + system) of the whole server process.");
        meter.CreateObservableGauge(
            "coffer.process.uptime", () => Stopwatch.GetElapsedTime(StartTimestamp).TotalSeconds, "s", "Seconds since the server process started recording metrics.");
    }

    /// <summary>The host's per-thread measurements (also for the per-message Debug line).</summary>
    public IThreadClock ThreadClock => clock;

    public void Dispose() => meter.Dispose();

    /// <summary>A login (or a message claiming a session) was refused.</summary>
    public void AuthFailed(AuthFailure reason) =>
        authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason switch
        {
            AuthFailure.Missing => "missing",
            AuthFailure.Invalid => "invalid",
            AuthFailure.Throttled => "throttled",
            AuthFailure.StaleNonce => "stale_nonce",
            AuthFailure.SessionMismatch => "session_mismatch",
            AuthFailure.Disabled => "disabled",
            _ => "other",
        }));

    /// <summary>One PBKDF2 derivation of <paramref name="iterations"/> was made (a password checked or hashed).</summary>
    public void PasswordHashed(int iterations) => passwordHashes.Add(1, new KeyValuePair<string, object?>("iterations", iterations));

    /// <summary>A message of session <paramref name="sessionKey"/> was handled: the session is (still) in progress.</summary>
    public void SessionActive(string sessionKey) => active[sessionKey] = Environment.TickCount64;

    /// <summary>A session ended (or, without a key, a message was refused before any session existed).</summary>
    public void SessionEnded(SyncSessionOutcome outcome, string? sessionKey = null)
    {
        if (sessionKey != null)
        {
            active.TryRemove(sessionKey, out _);
        }

        sessions.Add(1, new KeyValuePair<string, object?>("outcome", Label(outcome)));
    }

    /// <summary>Forgets sessions idle longer than <paramref name="lifetime"/>: their clients gave up.</summary>
    public void ForgetIdleSessions(TimeSpan lifetime)
    {
        var cutoff = Environment.TickCount64 - (long)lifetime.TotalMilliseconds;
        foreach (var (key, seen) in active)
        {
            if (seen < cutoff)
            {
                active.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Counts <paramref name="count"/> item changes of one datastore (its server name, e.g. "card").</summary>
    public void ItemsProcessed(string datastore, ItemOperation operation, ItemDirection direction, long count = 1) =>
        items.Add(
            count,
            new KeyValuePair<string, object?>("datastore", datastore),
            new KeyValuePair<string, object?>("operation", Label(operation)),
            new KeyValuePair<string, object?>("direction", Label(direction)));

    /// <summary>A message of <paramref name="count"/> bytes arrived from a client.</summary>
    public void MessageReceived(long count) => bytes.Add(count, new KeyValuePair<string, object?>("direction", "in"));

    /// <summary>A reply of <paramref name="count"/> bytes was sent to a client.</summary>
    public void MessageSent(long count) => bytes.Add(count, new KeyValuePair<string, object?>("direction", "out"));

    /// <summary>One message was processed in <paramref name="elapsed"/>; <paramref name="wbxml"/> tells the encoding.</summary>
    public void MessageProcessed(TimeSpan elapsed, bool wbxml) =>
        messageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("encoding", wbxml ? "wbxml" : "xml"));

    /// <summary>Where a message started: the process CPU time, the thread and that thread's CPU time.</summary>
    public MessageCpuStart MessageCpuNow() =>
        new(Environment.CpuUsage.TotalTime, Environment.CurrentManagedThreadId, clock.CpuNanoseconds());

    /// <summary>
    /// Records the CPU one message used since <paramref name="start"/>: process CPU always; the thread's own CPU when
    /// the message ended on the thread it started on. Returns the thread CPU (null when not measured).
    /// </summary>
    public TimeSpan? MessageCpuUsed(MessageCpuStart start, bool wbxml)
    {
        var encoding = new KeyValuePair<string, object?>("encoding", wbxml ? "wbxml" : "xml");
        messageCpu.Add(Math.Max(0, (Environment.CpuUsage.TotalTime - start.Process).TotalSeconds), encoding);
        if (start.ThreadNanoseconds is not long t0 || start.ThreadId != Environment.CurrentManagedThreadId || clock.CpuNanoseconds() is not long t1)
        {
            return null;
        }

        var used = TimeSpan.FromTicks(Math.Max(0, t1 - t0) / 100);
        messageThreadCpu.Add(used.TotalSeconds, encoding);
        return used;
    }

    private static string Label(SyncSessionOutcome outcome) => outcome switch
    {
        SyncSessionOutcome.Success => "success",
        SyncSessionOutcome.AuthFailed => "auth_failed",
        SyncSessionOutcome.BadRequest => "bad_request",
        SyncSessionOutcome.Suspended => "suspended",
        SyncSessionOutcome.Aborted => "aborted",
        _ => "failed",
    };

    private static string Label(ItemOperation operation) => operation switch
    {
        ItemOperation.Add => "add",
        ItemOperation.Replace => "replace",
        ItemOperation.Delete => "delete",
        _ => "reject",
    };

    private static string Label(ItemDirection direction) => direction == ItemDirection.FromClient ? "from_client" : "to_client";
}
