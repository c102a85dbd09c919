namespace Coffer.Server.Metrics;

/// <summary>One sample line: full metric name (with _bucket/_sum/_count for histograms), labels in order, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
