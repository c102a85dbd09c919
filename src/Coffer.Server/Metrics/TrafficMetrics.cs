using System.Diagnostics.Metrics;
using Coffer.Sip.Transport;

namespace Coffer.Server.Metrics;

/// <summary>
/// What the server received and sent on the wire, by protocol: <c>coffer.sip.bytes</c> (transport udp/tcp, direction
/// in/out) and <c>coffer.http.bytes</c> (direction in/out). Observable counters read the transports' own counts at
/// each scrape, so the hot path pays one interlocked add. They let an operator check that peer sessions (seed 003)
/// carry only control through the server: the payload flows between the devices.
/// </summary>
public sealed class TrafficMetrics : IDisposable
{
    public const string MeterName = "Coffer.Traffic";

    private readonly Meter meter;

    public TrafficMetrics(IMeterFactory meterFactory, HttpTrafficCounter http)
    {
        Http = http;
        meter = meterFactory.Create(MeterName, "1.0");
        meter.CreateObservableCounter("coffer.sip.bytes", () => new[]
        {
            Measure(SipUdp.Received, "udp", "in"),
            Measure(SipUdp.Sent, "udp", "out"),
            Measure(SipTcp.Received, "tcp", "in"),
            Measure(SipTcp.Sent, "tcp", "out"),
        }, "By", "SIP bytes the control server received (in) and sent (out), by transport.");
        meter.CreateObservableCounter("coffer.http.bytes", () => new[]
        {
            new Measurement<long>(Http.Received, new KeyValuePair<string, object?>("direction", "in")),
            new Measurement<long>(Http.Sent, new KeyValuePair<string, object?>("direction", "out")),
        }, "By", "HTTP bytes on every connection (headers and bodies): in = received, out = sent.");
    }

    public SipTrafficCounter SipUdp { get; } = new();

    public SipTrafficCounter SipTcp { get; } = new();

    public HttpTrafficCounter Http { get; }

    public void Dispose() => meter.Dispose();

    private static Measurement<long> Measure(long value, string transport, string direction) =>
        new(value, new KeyValuePair<string, object?>("transport", transport), new KeyValuePair<string, object?>("direction", direction));
}
