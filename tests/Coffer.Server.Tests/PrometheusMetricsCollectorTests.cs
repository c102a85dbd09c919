using System.Diagnostics.Metrics;
using Coffer.Server.Metrics;

namespace Coffer.Server.Tests;

/// <summary>The collector and formatter on a private meter, every instrument kind.</summary>
public sealed class PrometheusMetricsCollectorTests : IDisposable
{
    private readonly Meter meter = new("Coffer.Test." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusMetricsCollector collector;

    public PrometheusMetricsCollectorTests()
    {
        collector = new PrometheusMetricsCollector(m => ReferenceEquals(m, meter));
    }

    [Fact]
    public void Counter_SumsDoubleIncrements_NameGetsUnitAndTotal_TagNamesAreSanitized()
    {
        var counter = meter.CreateCounter<double>("my-app.request.time", "ms", "Time spent.");
        counter.Add(1.5, new KeyValuePair<string, object?>("http.method", "GET"));
        counter.Add(2.25, new KeyValuePair<string, object?>("http.method", "GET"));

        var families = ExpositionParser.Parse(collector.Scrape());

        var family = families["my_app_request_time_milliseconds_total"];
        family.Type.ShouldBe("counter");
        family.Help.ShouldBe("Time spent.");
        family.Samples.ShouldHaveSingleItem().Labels.ShouldBe(new Dictionary<string, string> { ["http_method"] = "GET" });
        family.Samples[0].Value.ShouldBe(3.75);
    }

    [Fact]
    public void UpDownCounter_IsAGaugeOfTheRunningSum()
    {
        var active = meter.CreateUpDownCounter<int>("queue.depth");
        active.Add(5);
        active.Add(-2);

        var family = ExpositionParser.Parse(collector.Scrape())["queue_depth"];

        family.Type.ShouldBe("gauge");
        family.Samples.ShouldHaveSingleItem().Value.ShouldBe(3);
    }

    [Fact]
    public void ObservableGauge_ReportsOnlyTheSeriesOfTheLatestObservation()
    {
        var observations = new List<Measurement<long>> { new(10, new KeyValuePair<string, object?>("disk", "a")), new(20, new KeyValuePair<string, object?>("disk", "b")) };
        meter.CreateObservableGauge("disk.free", () => observations, "By");

        var first = ExpositionParser.Parse(collector.Scrape())["disk_free_bytes"];
        observations.RemoveAt(0);
        var second = ExpositionParser.Parse(collector.Scrape())["disk_free_bytes"];

        first.Type.ShouldBe("gauge");
        first.Samples.Select(s => (s.Labels["disk"], s.Value)).ShouldBe([("a", 10d), ("b", 20d)]);
        second.Samples.Select(s => (s.Labels["disk"], s.Value)).ShouldBe([("b", 20d)]);
    }

    [Fact]
    public void ObservableCounter_ExposesTheObservedCumulativeValue()
    {
        var total = 7L;
        meter.CreateObservableCounter("jobs.done", () => total);
        ExpositionParser.Parse(collector.Scrape())["jobs_done_total"].Samples.ShouldHaveSingleItem().Value.ShouldBe(7);
        total = 9;
        ExpositionParser.Parse(collector.Scrape())["jobs_done_total"].Samples.ShouldHaveSingleItem().Value.ShouldBe(9);
    }

    [Fact]
    public void SynchronousGauge_KeepsTheLastValue()
    {
        var gauge = meter.CreateGauge<double>("temperature", "Cel");
        gauge.Record(21.5);
        gauge.Record(19);

        ExpositionParser.Parse(collector.Scrape())["temperature"].Samples.ShouldHaveSingleItem().Value.ShouldBe(19);
    }

    [Fact]
    public void Histogram_WithoutAdvice_UsesDefaultBuckets_TagLeIsRenamed()
    {
        var histogram = meter.CreateHistogram<long>("payload.size", "By");
        histogram.Record(3, new KeyValuePair<string, object?>("le", "x"));
        histogram.Record(100_000, new KeyValuePair<string, object?>("le", "x"));

        var family = ExpositionParser.Parse(collector.Scrape())["payload_size_bytes"];

        family.Type.ShouldBe("histogram");
        var buckets = family.Samples.Where(s => s.Name == "payload_size_bytes_bucket").ToList();
        buckets.Select(b => b.Labels["le"]).ShouldBe(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]);
        buckets.ShouldAllBe(b => b.Labels["tag_le"] == "x");
        buckets.Single(b => b.Labels["le"] == "5").Value.ShouldBe(1);
        buckets.Single(b => b.Labels["le"] == "+Inf").Value.ShouldBe(2);
        family.Samples.Single(s => s.Name == "payload_size_bytes_sum").Value.ShouldBe(100_003);
    }

    [Fact]
    public void HelpText_EscapesBackslashAndNewline_AndValuesUseGoFloatSpelling()
    {
        var gauge = meter.CreateGauge<double>("odd", unit: null, description: "line one\nback\\slash \"quoted\"");
        gauge.Record(double.PositiveInfinity, new KeyValuePair<string, object?>("k", "inf"));
        gauge.Record(double.NaN, new KeyValuePair<string, object?>("k", "nan"));
        gauge.Record(1e21, new KeyValuePair<string, object?>("k", "big"));

        var text = collector.Scrape();
        var family = ExpositionParser.Parse(text)["odd"];

        text.ShouldContain("# HELP odd line one\\nback\\\\slash \"quoted\"\n");
        family.Help.ShouldBe("line one\nback\\slash \"quoted\"");
        family.Samples.Single(s => s.Labels["k"] == "inf").Value.ShouldBe(double.PositiveInfinity);
        double.IsNaN(family.Samples.Single(s => s.Labels["k"] == "nan").Value).ShouldBeTrue();
        family.Samples.Single(s => s.Labels["k"] == "big").Value.ShouldBe(1e21);
        text.ShouldContain("odd{k=\"inf\"} +Inf\n");
    }

    [Theory]
    [InlineData("coffer.sync.bytes", "By", MetricType.Counter, "coffer_sync_bytes_total")]
    [InlineData("latency", "s", MetricType.Histogram, "latency_seconds")]
    [InlineData("latency_seconds", "s", MetricType.Gauge, "latency_seconds")]
    [InlineData("9lives", null, MetricType.Gauge, "_9lives")]
    [InlineData("requests_total", "{request}", MetricType.Counter, "requests_total")]
    public void MetricNames_FollowThePrometheusConventions(string instrument, string? unit, MetricType type, string expected) =>
        PrometheusNames.MetricName(instrument, unit, type).ShouldBe(expected);

    public void Dispose()
    {
        collector.Dispose();
        meter.Dispose();
    }
}
