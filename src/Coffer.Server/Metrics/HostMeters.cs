using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Coffer.Server.Metrics;

/// <summary>
/// Which instruments this host exports: Coffer's own, of this host's meter factory only (several hosts may run in one
/// process, each with its own counts), and the runtime's "System.Runtime" meter (GC, allocation, thread pool,
/// exceptions). OpenTelemetry selects meters by name; the view drops another host's Coffer instruments.
/// </summary>
public sealed class HostMeters
{
    public const string CofferMeters = "Coffer.*";

    public const string RuntimeMeter = "System.Runtime";

    /// <summary>This host's factory, set once the host is built (before any instrument is published to the exporter).</summary>
    public IMeterFactory? Factory { get; set; }

    public MetricStreamConfiguration? View(Instrument instrument) =>
        instrument.Meter.Name.StartsWith("Coffer", StringComparison.Ordinal) && !ReferenceEquals(instrument.Meter.Scope, Factory)
            ? MetricStreamConfiguration.Drop
            : null;
}
