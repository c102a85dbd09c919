using System.Diagnostics;
using System.Globalization;
using Coffer.Agent.Protocol;
using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.SyncML;

namespace Coffer.LoadBench.Load;

/// <summary>
/// One load run: accounts, the server (started or given), N phones, then the phases — one slow sync of each phone's
/// contacts, then rounds of two-way syncs with local changes — and the table. Returns 0 when no session failed.
/// </summary>
public sealed class LoadRun(LoadOptions options)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + options.Duration;
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        hardStop.CancelAfter(options.Duration + TimeSpan.FromMinutes(2));
        var concurrency = options.Concurrency > 0 ? options.Concurrency : options.Phones;

        // One pooled connection per phone in flight: the default handler has no limit, stated anyway so a lower default
        // elsewhere cannot queue phones inside the client.
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Min(options.Phones, concurrency) + 4,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };

        if (!options.SkipSetup)
        {
            var watch = Stopwatch.StartNew();
            int created;
            await using (var store = OpenStore())
            {
                created = await UserSetup.CreateUsersAsync(store, options.UserPrefix, options.Phones, options.Password, hardStop.Token);
            }

            output.WriteLine($"setup: {created} new accounts in {StoreFactory.Describe(options.Provider, options.ConnectionString, options.DataDir)} ({watch.Elapsed.TotalSeconds:F1} s)");
        }

        await using var server = options.Url == null
            ? await ServerProcess.StartAsync(options.ServerDll ?? throw new ArgumentException("give --url or --server-dll"), options.DataDir, options.Port, [.. StoreEnvironment(), .. options.ServerEnv], client, hardStop.Token)
            : null;
        var baseUrl = server?.BaseUrl ?? options.Url!;
        IServerCpuProbe cpu = server != null ? new ProcStatCpuProbe(server.Pid) : new MetricsCpuProbe(client, new Uri(baseUrl, "metrics"));
        output.WriteLine(server != null
            ? $"server: pid {server.Pid} at {baseUrl} (log {server.LogPath}); CPU from /proc/{server.Pid}/stat"
            : $"server: {baseUrl}; CPU from its /metrics");

        var recorder = new LatencyRecorder();
        using var gate = concurrency < options.Phones ? new SemaphoreSlim(concurrency) : null;
        var transport = new HttpSyncTransport(client, gate, recorder);
        var codec = options.Wbxml ? SyncMLCodec.Wbxml : SyncMLCodec.Xml;
        var settings = new ClientSettings { MaxMsgSize = options.PhoneMaxMsgSize, MaxObjSize = 4_000_000, Model = "LoadBench phone" };
        var syncUrl = new Uri(baseUrl, "sync");
        var phones = Enumerable.Range(1, options.Phones).Select(i =>
        {
            var user = UserSetup.UserName(options.UserPrefix, i);
            var phone = new BenchPhone(new SyncClient(new ClientAccount(user, options.Password, "loadbench-" + user, syncUrl), settings, transport, codec, [BenchPhone.ContactsDatastore]), seed: i);
            phone.Fill(options.Contacts);
            return phone;
        }).ToList();

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Phones} phones, {options.Contacts} contacts each, {options.Rounds} two-way rounds of {options.Changes}, {codec.ContentType}, phone MaxMsgSize {options.PhoneMaxMsgSize}, at most {concurrency} requests in flight, {Environment.ProcessorCount} CPUs"));

        var runner = new PhaseRunner(phones, recorder, cpu, deadline, options.Attempts);
        var results = new List<PhaseResult>
        {
            await runner.RunAsync("slow sync", AlertCode.SlowSync, 1, null, hardStop.Token),
        };
        output.WriteLine($"slow sync done ({results[0].Wall.TotalSeconds:F1} s)");
        results.Add(await runner.RunAsync("two-way", AlertCode.TwoWay, options.Rounds, options.Changes, hardStop.Token));
        if (DateTime.UtcNow >= deadline)
        {
            output.WriteLine($"stopped by --duration {options.Duration.TotalSeconds:F0} s");
        }

        output.WriteLine();
        ResultTable.Write(output, results);
        if (results.Sum(r => r.Retried) is var retried and > 0)
        {
            output.WriteLine($"{retried} sessions failed and were tried again");
        }

        // The store of a server this run started, or a PostgreSQL store named on the command line, is compared; a server
        // given by --url alone may keep its SQLite data elsewhere.
        List<string>? differences = null;
        if (server != null || options.Provider == StoreProvider.Postgres)
        {
            await using var store = OpenStore();
            differences = await StoreCheck.CompareAsync(store, phones, hardStop.Token);
        }

        if (differences != null)
        {
            output.WriteLine();
            output.WriteLine(differences.Count == 0
                ? $"store check: every phone holds as many contacts as its account on the server ({phones.Sum(p => p.Contacts.Count)} in all)"
                : $"store check: {differences.Count} phones differ from the server, e.g. {string.Join("; ", differences.Take(3))}");
        }

        return results.Sum(r => r.Errors) == 0 && (differences?.Count ?? 0) == 0 ? 0 : 1;
    }

    private ICofferStore OpenStore() => StoreFactory.Create(options.Provider, options.ConnectionString, new StorageOptions { DataDir = options.DataDir });

    /// <summary>The started server's store settings (docs/operations.md): its environment, as the bench's own.</summary>
    private IEnumerable<string> StoreEnvironment() => options.Provider == StoreProvider.Postgres
        ? ["Coffer__Storage__Provider=postgres", "Coffer__Storage__ConnectionString=" + options.ConnectionString]
        : [];
}
