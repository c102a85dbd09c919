using Coffer.Server.Metrics;
using Coffer.Sync.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests;

/// <summary>
/// What the engine records through <see cref="CofferMetrics"/>, read back from the running host's /metrics. Each host
/// has its own meters (from its IMeterFactory); the process-wide ones (process CPU, runtime) are compared before and
/// after, so those tests run alone.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class CofferMetricsTests
{
    [Fact]
    public async Task ItemsProcessed_AppearAsOneLabelledSeries_WithTheSum()
    {
        await using var server = await RunningServer.StartAsync();
        var datastore = "card-" + Guid.NewGuid().ToString("N")[..8];

        Metrics(server).ItemsProcessed(datastore, ItemOperation.Add, ItemDirection.FromClient, 2);
        Metrics(server).ItemsProcessed(datastore, ItemOperation.Add, ItemDirection.FromClient);
        Metrics(server).ItemsProcessed(datastore, ItemOperation.Delete, ItemDirection.ToClient);

        var samples = (await server.ScrapeAsync())["coffer_sync_items_total"].Samples.Where(s => s.Labels["datastore"] == datastore).ToList();
        samples.Count.ShouldBe(2);
        var added = samples.Single(s => s.Labels["operation"] == "add");
        added.Value.ShouldBe(3);
        added.Labels["direction"].ShouldBe("from_client");
        samples.Single(s => s.Labels["operation"] == "delete").Labels["direction"].ShouldBe("to_client");
    }

    [Fact]
    public async Task LabelValues_WithQuoteBackslashAndNewline_SurviveTheRoundTrip()
    {
        await using var server = await RunningServer.StartAsync();
        var datastore = "we\"ird\\path\nline-" + Guid.NewGuid().ToString("N")[..8];

        Metrics(server).ItemsProcessed(datastore, ItemOperation.Replace, ItemDirection.FromClient);

        var sample = (await server.ScrapeAsync())["coffer_sync_items_total"].Samples.Single(s => s.Labels["datastore"] == datastore);
        sample.Value.ShouldBe(1);
    }

    [Fact]
    public async Task Sessions_ActiveGaugeGoesUpAndDown_AndEndedSessionsCountByOutcome()
    {
        await using var server = await RunningServer.StartAsync();
        var before = await server.ScrapeAsync();

        var first = "metrics-test-" + Guid.NewGuid().ToString("N");
        var second = "metrics-test-" + Guid.NewGuid().ToString("N");
        Metrics(server).SessionActive(first);
        Metrics(server).SessionActive(second);
        Metrics(server).SessionActive(first);
        var during = await server.ScrapeAsync();
        Metrics(server).SessionEnded(SyncSessionOutcome.Success, first);
        Metrics(server).SessionEnded(SyncSessionOutcome.AuthFailed, second);
        var after = await server.ScrapeAsync();

        (Active(during) - Active(before)).ShouldBe(2);
        (Active(after) - Active(before)).ShouldBe(0);
        (Ended(after, "success") - Ended(before, "success")).ShouldBe(1);
        (Ended(after, "auth_failed") - Ended(before, "auth_failed")).ShouldBe(1);
    }

    [Fact]
    public async Task MessageDuration_IsACumulativeHistogram_AndBytesCountByDirection()
    {
        await using var server = await RunningServer.StartAsync();
        var before = await server.ScrapeAsync();

        Metrics(server).MessageProcessed(TimeSpan.FromMilliseconds(3), wbxml: true);
        Metrics(server).MessageProcessed(TimeSpan.FromMilliseconds(200), wbxml: true);
        Metrics(server).MessageProcessed(TimeSpan.FromSeconds(42), wbxml: true);
        Metrics(server).MessageReceived(1000);
        Metrics(server).MessageSent(250);
        var after = await server.ScrapeAsync();

        double Bucket(IReadOnlyDictionary<string, ExpositionParser.Family> f, string le) =>
            Samples(f, "coffer_sync_message_duration_seconds")
                .Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels["encoding"] == "wbxml" && s.Labels["le"] == le)
                .Sum(s => s.Value);
        double Other(IReadOnlyDictionary<string, ExpositionParser.Family> f, string suffix) =>
            Samples(f, "coffer_sync_message_duration_seconds")
                .Where(s => s.Name == "coffer_sync_message_duration_seconds" + suffix && s.Labels["encoding"] == "wbxml")
                .Sum(s => s.Value);

        (Bucket(after, "0.005") - Bucket(before, "0.005")).ShouldBe(1);
        (Bucket(after, "0.25") - Bucket(before, "0.25")).ShouldBe(2);
        (Bucket(after, "30") - Bucket(before, "30")).ShouldBe(2);
        (Bucket(after, "+Inf") - Bucket(before, "+Inf")).ShouldBe(3);
        (Other(after, "_count") - Other(before, "_count")).ShouldBe(3);
        (Other(after, "_sum") - Other(before, "_sum")).ShouldBe(42.203, 1e-9);
        var buckets = after["coffer_sync_message_duration_seconds"].Samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels["encoding"] == "wbxml").ToList();
        buckets.Select(b => b.Value).ShouldBeInOrder(SortDirection.Ascending);
        buckets[^1].Labels["le"].ShouldBe("+Inf");
        buckets[^1].Value.ShouldBe(Other(after, "_count"));

        double BytesOf(IReadOnlyDictionary<string, ExpositionParser.Family> f, string direction) =>
            Samples(f, "coffer_sync_bytes_total").Where(s => s.Labels["direction"] == direction).Sum(s => s.Value);
        (BytesOf(after, "in") - BytesOf(before, "in")).ShouldBe(1000);
        (BytesOf(after, "out") - BytesOf(before, "out")).ShouldBe(250);
    }

    [Fact]
    public async Task MessageCpu_CountsTheProcessCpuSpentInAMessage_AndProcessCpuGrowsWithWork()
    {
        await using var server = await RunningServer.StartAsync();
        var before = await server.ScrapeAsync();

        // Burn a known amount of CPU on this thread between the start and the end of a "message" (CPU, not wall time:
        // a loaded machine stretches the spin but not what it burns).
        var start = Metrics(server).MessageCpuNow();
        var x = Spin(200);
        var thread = Metrics(server).MessageCpuUsed(start, wbxml: false);
        var after = await server.ScrapeAsync();

        double Cpu(IReadOnlyDictionary<string, ExpositionParser.Family> f) =>
            Samples(f, "coffer_sync_message_cpu_seconds_total").Where(s => s.Labels["encoding"] == "xml").Sum(s => s.Value);
        after["coffer_sync_message_cpu_seconds_total"].Type.ShouldBe("counter");
        var used = Cpu(after) - (before.ContainsKey("coffer_sync_message_cpu_seconds_total") ? Cpu(before) : 0);
        used.ShouldBeGreaterThanOrEqualTo(0.18, $"spun {x}");
        used.ShouldBeLessThan(5);

        after["coffer_process_cpu_seconds_total"].Type.ShouldBe("counter");
        var process = after["coffer_process_cpu_seconds_total"].Samples.Single().Value - before["coffer_process_cpu_seconds_total"].Samples.Single().Value;
        process.ShouldBeGreaterThanOrEqualTo(used - 0.01);

        // On Linux the spinning thread's own CPU is measured too, and exported.
        thread.ShouldNotBeNull();
        thread.Value.TotalSeconds.ShouldBeInRange(0.2, 0.3);
        after["coffer_sync_message_thread_cpu_seconds_total"].Type.ShouldBe("counter");
    }

    [Fact]
    public void MessageThreadCpu_LeavesOutWhatOtherThreadsBurnMeanwhile()
    {
        // The "message" thread waits while another thread spins: the process CPU grows, the message thread's does not.
        var start = ThreadClocked.MessageCpuNow();
        var process0 = Environment.CpuUsage.TotalTime;
        var spinner = new Thread(() => Spin(200));
        spinner.Start();
        spinner.Join();
        var process = Environment.CpuUsage.TotalTime - process0;
        var thread = ThreadClocked.MessageCpuUsed(start, wbxml: false);

        thread.ShouldNotBeNull();
        process.TotalSeconds.ShouldBeGreaterThan(0.05);
        thread.Value.TotalSeconds.ShouldBeLessThan(0.02);
    }

    [Fact]
    public void DiskReads_OfAThreadCountOnlyItsOwnReads()
    {
        // Beside the test binaries rather than in /tmp, which can be a tmpfs with no disk behind it.
        var path = Path.Combine(AppContext.BaseDirectory, "disk-reads-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1 << 20));
        try
        {
            // Another thread reads the file from disk while this one waits: nothing is counted here.
            DropFromCache(path);
            var start = DiskReadCounters.Thread();
            var reader = new Thread(() => File.ReadAllBytes(path).Length.ShouldBe(1 << 20));
            reader.Start();
            reader.Join();
            var waited = DiskReadCounters.Thread();

            DropFromCache(path);
            File.ReadAllBytes(path).Length.ShouldBe(1 << 20);
            var read = DiskReadCounters.Thread();

            start.ShouldNotBeNull();
            waited.ShouldNotBeNull();
            read.ShouldNotBeNull();
            (waited.Value.SectorsRead - start.Value.SectorsRead).ShouldBe(0);
            (read.Value.SectorsRead - waited.Value.SectorsRead).ShouldBeGreaterThanOrEqualTo((1 << 20) / 512);
        }
        finally
        {
            File.Delete(path);
        }

        static void DropFromCache(string file)
        {
            foreach (var args in new[] { new[] { file }, ["if=" + file, "iflag=nocache", "count=0", "status=none"] })
            {
                using var p = System.Diagnostics.Process.Start(args.Length == 1 ? "sync" : "dd", args);
                p.WaitForExit();
                p.ExitCode.ShouldBe(0);
            }
        }
    }

    /// <summary>Spins until this thread has used <paramref name="milliseconds"/> of CPU.</summary>
    private static long Spin(int milliseconds)
    {
        var start = ThreadCpuClock.NowNanoseconds() ?? throw new PlatformNotSupportedException("no thread CPU clock");
        var x = 0L;
        while (ThreadCpuClock.NowNanoseconds() - start < milliseconds * 1_000_000L)
        {
            x += x % 7 + 1;
        }

        return x;
    }

    // A counter or histogram is exported from its first measurement on (OpenTelemetry keeps no series without one).
    private static IEnumerable<ExpositionParser.Sample> Samples(IReadOnlyDictionary<string, ExpositionParser.Family> f, string family) =>
        f.TryGetValue(family, out var found) ? found.Samples : [];

    private static double Active(IReadOnlyDictionary<string, ExpositionParser.Family> f) =>
        Samples(f, "coffer_sync_sessions_active").Sum(s => s.Value);

    private static double Ended(IReadOnlyDictionary<string, ExpositionParser.Family> f, string outcome) =>
        Samples(f, "coffer_sync_sessions_total").Where(s => s.Labels["outcome"] == outcome).Sum(s => s.Value);

    /// <summary>Metrics with the host's per-thread clock, for the tests that need no host.</summary>
    private static readonly CofferMetrics ThreadClocked = new(null, new LinuxThreadClock());

    private static CofferMetrics Metrics(RunningServer server) => server.App.Services.GetRequiredService<CofferMetrics>();
}
