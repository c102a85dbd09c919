namespace Coffer.Server.Metrics;

/// <summary>Prometheus metric types used in "# TYPE" lines (exposition format 0.0.4).</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
