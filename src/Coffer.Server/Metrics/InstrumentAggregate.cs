using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Coffer.Server.Metrics;

/// <summary>The running aggregate of one instrument: one series per distinct tag set.</summary>
internal sealed class InstrumentAggregate
{
    // Prometheus client defaults, used when a histogram gives no bucket advice.
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, Series> series = new(StringComparer.Ordinal);
    private readonly bool cumulativeSum;
    private readonly double[] buckets;

    public InstrumentAggregate(Instrument instrument)
    {
        Instrument = instrument;
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        Type = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricType.Counter
            : definition == typeof(Histogram<>) ? MetricType.Histogram
            : MetricType.Gauge;
        IsObservable = instrument.IsObservable;
        // Synchronous counters and up-down counters report deltas; gauges and every observable instrument
        // report the current (cumulative) value.
        cumulativeSum = !IsObservable && (definition == typeof(Counter<>) || definition == typeof(UpDownCounter<>));
        buckets = Type == MetricType.Histogram ? BucketsOf(instrument) : [];
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, Type);
    }

    public Instrument Instrument { get; }

    public MetricType Type { get; }

    public bool IsObservable { get; }

    public string Name { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var key = string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value));
        var s = series.GetOrAdd(key, _ => new Series(labels, buckets.Length));
        lock (s)
        {
            if (Type == MetricType.Histogram)
            {
                var index = Array.FindIndex(buckets, b => value <= b);
                s.BucketCounts[index < 0 ? buckets.Length : index]++;
                s.Sum += value;
                s.Count++;
            }
            else if (cumulativeSum)
            {
                s.Value += value;
            }
            else
            {
                s.Value = value;
            }
        }
    }

    /// <summary>Observable instruments report every live series at each collection; stale ones are dropped first.</summary>
    public void ClearObservations()
    {
        if (IsObservable)
        {
            series.Clear();
        }
    }

    public MetricFamily Snapshot()
    {
        var samples = new List<MetricSample>();
        foreach (var s in series.Values.OrderBy(s => string.Join(',', s.Labels.Select(l => l.Key + "=" + l.Value)), StringComparer.Ordinal))
        {
            lock (s)
            {
                if (Type != MetricType.Histogram)
                {
                    samples.Add(new MetricSample(Name, s.Labels, s.Value));
                    continue;
                }

                // Buckets are cumulative: each counts the observations <= its upper bound "le".
                long cumulative = 0;
                for (var i = 0; i <= buckets.Length; i++)
                {
                    cumulative += s.BucketCounts[i];
                    var le = i < buckets.Length ? PrometheusNames.FormatValue(buckets[i]) : "+Inf";
                    samples.Add(new MetricSample(Name + "_bucket", [.. s.Labels, new("le", le)], cumulative));
                }

                samples.Add(new MetricSample(Name + "_sum", s.Labels, s.Sum));
                samples.Add(new MetricSample(Name + "_count", s.Labels, s.Count));
            }
        }

        var help = string.IsNullOrEmpty(Instrument.Description) ? Instrument.Name : Instrument.Description;
        return new MetricFamily(Name, help, Type, samples);
    }

    private static KeyValuePair<string, string>[] Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var name = PrometheusNames.LabelName(tag.Key);
            if (name == "le")
            {
                // "le" is the histogram bucket label; a tag of that name would corrupt the buckets.
                name = "tag_le";
            }

            labels[name] = tag.Value switch
            {
                null => string.Empty,
                string text => text,
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
        }

        return [.. labels];
    }

    private static double[] BucketsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        return (advised is { Count: > 0 } ? advised : DefaultBuckets).Where(b => !double.IsInfinity(b)).Distinct().Order().ToArray();
    }

    private sealed class Series(KeyValuePair<string, string>[] labels, int bucketCount)
    {
        public KeyValuePair<string, string>[] Labels { get; } = labels;

        public double Value { get; set; }

        public long[] BucketCounts { get; } = new long[bucketCount + 1];

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
