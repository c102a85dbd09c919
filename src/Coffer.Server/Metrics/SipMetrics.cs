using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coffer.Server.Metrics;

/// <summary>
/// The SIP control server's request latency (docs/operations.md, "Metrics"): <c>coffer.sip.request.duration</c>, from
/// the datagram or stream message handed on by the transport to the final response sent, by method and status class.
/// A client retransmits a request after T1 = 500 ms (RFC 3261 §17.1.2.2), so the upper buckets show what the
/// operator's devices feel as the tail without a load generator.
/// </summary>
public sealed class SipMetrics : IDisposable
{
    public const string MeterName = "Coffer.Sip";

    private readonly Meter meter;
    private readonly Histogram<double> requestDuration;

    public SipMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName, "1.0");
        requestDuration = meter.CreateHistogram(
            "coffer.sip.request.duration",
            "s",
            "Time from receiving a SIP request to sending its final response, by method and status class (2xx, 4xx...).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    /// <summary>A request received at <paramref name="receivedTimestamp"/> got its final <paramref name="status"/> now.</summary>
    public void RequestAnswered(string method, int status, long receivedTimestamp) =>
        requestDuration.Record(
            Stopwatch.GetElapsedTime(receivedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("status", $"{status / 100}xx"));

    public void Dispose() => meter.Dispose();
}
