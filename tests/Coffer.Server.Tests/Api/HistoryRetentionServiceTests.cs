using Coffer.Server.History;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Cluster;
using Coffer.Sync.Recovery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Api;

/// <summary>The history retention job in simulated time: it prunes at its interval what is older than the retention.</summary>
public sealed class HistoryRetentionServiceTests : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-server-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteCofferStore store = null!;

    public Task InitializeAsync()
    {
        store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir }, time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Each_interval_prunes_versions_replaced_before_the_retention_and_keeps_current_ones()
    {
        var options = new HistoryOptions { RetentionDays = 30, PruneInterval = TimeSpan.FromHours(6) };
        long contacts;
        string id;
        await using (var uow = await store.BeginAsync())
        {
            var user = (await uow.Users.TryCreateAsync("alice", "hash"))!;
            contacts = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
            id = (await uow.Items.AddAsync(contacts, [new NewItem("text/plain", "v1"u8.ToArray(), "web")]))[0].Id;
            time.Advance(TimeSpan.FromDays(1));
            await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(id, "text/plain", "v2"u8.ToArray(), "web")]);
            await uow.CommitAsync();
        }

        using var service = new HistoryRetentionService(new HistoryPruner(store, options, time), options, new JobLease(store, new NodeName("test"), time, NullLogger<JobLease>.Instance), time, NullLogger<HistoryRetentionService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.Ready.WaitAsync(TimeSpan.FromSeconds(20));

        // Within the retention: the run changes nothing.
        await RunOnceAsync(service, options.PruneInterval);
        (await VersionsAsync(contacts, id)).ShouldBe([1L, 2L]);

        // Version 1 was replaced more than 30 days ago now: the next run prunes it, the current one stays.
        time.Advance(TimeSpan.FromDays(31));
        await RunOnceAsync(service, options.PruneInterval);
        (await VersionsAsync(contacts, id)).ShouldBe([2L]);
        await service.StopAsync(CancellationToken.None);
    }

    private async Task RunOnceAsync(HistoryRetentionService service, TimeSpan interval)
    {
        var runs = service.Runs;
        time.Advance(interval);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (service.Runs == runs && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        service.Runs.ShouldBeGreaterThan(runs);
    }

    private async Task<IReadOnlyList<long>> VersionsAsync(long contacts, string id)
    {
        await using var read = await store.BeginReadAsync();
        return [.. (await read.Items.GetVersionsAsync(contacts, id)).Select(v => v.Version)];
    }
}
