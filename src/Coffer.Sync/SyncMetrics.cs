using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Coffer.Sync;

/// <summary>
/// The sync engine's instruments (System.Diagnostics.Metrics). The server exposes them at /metrics in the Prometheus
/// text format; docs/operations.md explains each one.
/// </summary>
public static class SyncMetrics
{
    public const string MeterName = "Coffer.Sync";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, long> Active = new();

    /// <summary>Sessions that ended, by outcome: success, auth_failed, bad_request, error.</summary>
    public static readonly Counter<long> Sessions = Meter.CreateCounter<long>("coffer_sync_sessions", description: "SyncML sessions ended, by outcome");

    /// <summary>Items applied or sent, by datastore, operation (add, replace, delete) and direction (from_client, to_client).</summary>
    public static readonly Counter<long> Items = Meter.CreateCounter<long>("coffer_sync_items", description: "Items synchronized, by datastore, operation and direction");

    public static readonly Counter<long> BytesIn = Meter.CreateCounter<long>("coffer_sync_received_bytes", unit: "By", description: "SyncML message bytes received");

    public static readonly Counter<long> BytesOut = Meter.CreateCounter<long>("coffer_sync_sent_bytes", unit: "By", description: "SyncML message bytes sent");

    public static readonly Counter<long> Resends = Meter.CreateCounter<long>("coffer_sync_resent_messages", description: "Client messages resent after a lost reply, answered from the reply cache");

    public static readonly Histogram<double> MessageDuration = Meter.CreateHistogram<double>("coffer_sync_message_duration", unit: "s", description: "Time to process one SyncML message");

    static SyncMetrics()
    {
        Meter.CreateObservableGauge("coffer_sync_active_sessions", () => (long)Active.Count, description: "Sessions started on this node and not yet ended");
    }

    internal static void SessionActive(string token) => Active[token] = Environment.TickCount64;

    internal static void SessionEnded(string token) => Active.TryRemove(token, out _);

    /// <summary>Forgets sessions idle longer than <paramref name="lifetime"/> (abandoned by their client).</summary>
    internal static void Prune(TimeSpan lifetime)
    {
        var cutoff = Environment.TickCount64 - (long)lifetime.TotalMilliseconds;
        foreach (var (token, seen) in Active)
        {
            if (seen < cutoff)
            {
                Active.TryRemove(token, out _);
            }
        }
    }
}
