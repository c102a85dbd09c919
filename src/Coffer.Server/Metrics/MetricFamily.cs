namespace Coffer.Server.Metrics;

/// <summary>One metric family: its # HELP and # TYPE lines and its samples.</summary>
public sealed record MetricFamily(string Name, string Help, MetricType Type, IReadOnlyList<MetricSample> Samples);
