using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Coffer.Server.Metrics;

/// <summary>
/// Listens (System.Diagnostics.Metrics.MeterListener) to the instruments of the selected meters and aggregates
/// them for /metrics: counters sum, up-down counters sum (exposed as gauges), gauges and observable instruments
/// keep their latest value, histograms count into cumulative buckets with _sum and _count. Tags become labels.
/// </summary>
public sealed class PrometheusMetricsCollector : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> aggregates = new();
    private readonly Lock scrapeGate = new();

    /// <param name="include">Which meters to export (e.g. by name prefix).</param>
    public PrometheusMetricsCollector(Func<Meter, bool> include)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (include(instrument.Meter))
            {
                aggregates[instrument] = new InstrumentAggregate(instrument);
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.MeasurementsCompleted = (instrument, _) => aggregates.TryRemove(instrument, out InstrumentAggregate? _);
        listener.SetMeasurementEventCallback<byte>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<short>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<float>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<decimal>((i, v, t, _) => Record(i, (double)v, t));
        listener.Start();
    }

    /// <summary>Collects the observable instruments and returns the current state of every exported instrument.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (scrapeGate)
        {
            foreach (var aggregate in aggregates.Values)
            {
                aggregate.ClearObservations();
            }

            listener.RecordObservableInstruments();
            // Two instruments mapping to one exported name would make an invalid exposition: the first wins.
            return aggregates.Values
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Instrument.Meter.Name, StringComparer.Ordinal)
                .DistinctBy(a => a.Name)
                .Select(a => a.Snapshot())
                .ToList();
        }
    }

    /// <summary>The text exposition (format 0.0.4) of <see cref="Collect"/>.</summary>
    public string Scrape() => PrometheusTextFormatter.Format(Collect());

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (aggregates.TryGetValue(instrument, out var aggregate))
        {
            aggregate.Record(value, tags);
        }
    }
}
