using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests;

/// <summary>Two nodes on one store: a singleton job runs on one of them at a time, and the other takes over from a dead one.</summary>
public sealed class JobLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);
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
    public async Task While_one_node_runs_the_job_the_other_does_not_and_runs_it_once_it_is_given_up()
    {
        var (a, b) = (Node("node-a"), Node("node-b"));
        var started = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var running = a.RunAsync("retention", Ttl, async _ => { started.SetResult(); await finish.Task; }, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var ranOnB = 0;
        (await b.RunAsync("retention", Ttl, _ => { ranOnB++; return Task.CompletedTask; }, CancellationToken.None)).ShouldBeFalse();

        // A long run: node-a renews every third of the lease, so it is still held after several lease lengths.
        for (var i = 0; i < 9; i++)
        {
            time.Advance(Ttl / 3);
            await WaitForRenewalAsync("node-a");
        }

        (await b.RunAsync("retention", Ttl, _ => { ranOnB++; return Task.CompletedTask; }, CancellationToken.None)).ShouldBeFalse();
        finish.SetResult();
        (await running.WaitAsync(TimeSpan.FromSeconds(20))).ShouldBeTrue();

        (await b.RunAsync("retention", Ttl, _ => { ranOnB++; return Task.CompletedTask; }, CancellationToken.None)).ShouldBeTrue();
        ranOnB.ShouldBe(1);
        (await b.HeldUntilAsync("retention", CancellationToken.None)).ShouldBeNull("given up after the run");
    }

    [Fact]
    public async Task A_lease_kept_after_the_job_passes_to_the_other_node_only_when_its_holder_stops_renewing()
    {
        var (a, b) = (Node("node-a"), Node("node-b"));
        (await a.RunAsync("notifications", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: Ttl)).ShouldBeTrue();
        (await b.RunAsync("notifications", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: Ttl)).ShouldBeFalse();

        // node-a's next tick renews it.
        time.Advance(TimeSpan.FromSeconds(30));
        (await a.RunAsync("notifications", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: Ttl)).ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(40));
        (await b.RunAsync("notifications", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: Ttl)).ShouldBeFalse();

        // node-a died: a minute after its last tick node-b takes the job over.
        time.Advance(TimeSpan.FromSeconds(21));
        (await b.RunAsync("notifications", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: Ttl)).ShouldBeTrue();
        (await a.RunAsync("notifications", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: Ttl)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_failing_job_gives_the_lease_up_at_once()
    {
        var (a, b) = (Node("node-a"), Node("node-b"));
        await Should.ThrowAsync<InvalidOperationException>(() => a.RunAsync("daily-backup/2026-01-01", Ttl, _ => throw new InvalidOperationException("target unreachable"), CancellationToken.None, keep: TimeSpan.FromHours(20)));
        (await b.RunAsync("daily-backup/2026-01-01", Ttl, _ => Task.CompletedTask, CancellationToken.None, keep: TimeSpan.FromHours(20))).ShouldBeTrue();
        (await a.HeldUntilAsync("daily-backup/2026-01-01", CancellationToken.None)).ShouldBe(time.GetUtcNow() + TimeSpan.FromHours(20));
    }

    private JobLease Node(string name) => new(store, new NodeName(name), time, NullLogger<JobLease>.Instance);

    private async Task WaitForRenewalAsync(string holder)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await using (var read = await store.BeginReadAsync())
            {
                if (await read.Leases.GetAsync("retention") is { } lease && lease.Holder == holder && lease.Expires == time.GetUtcNow() + Ttl)
                {
                    return;
                }
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the holder did not renew its lease");
            await Task.Delay(10);
        }
    }
}
