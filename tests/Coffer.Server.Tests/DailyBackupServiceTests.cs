using Coffer.Backup;
using Coffer.Server.Backup;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Cluster;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests;

/// <summary>The daily backup job in simulated time: it runs at the configured local time of day, once a day, and keeps N.</summary>
public sealed class DailyBackupServiceTests : IAsyncDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-server-tests", Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_next_run_is_the_next_time_of_day_in_local_time()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var at = new TimeOnly(3, 30);
        DailyBackupService.NextRun(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero), at, zone).ShouldBe(new DateTimeOffset(2026, 12, 6, 3, 30, 0, TimeSpan.FromHours(1)));
        DailyBackupService.NextRun(new DateTimeOffset(2026, 12, 6, 2, 30, 0, TimeSpan.Zero), at, zone).ShouldBe(new DateTimeOffset(2026, 12, 7, 3, 30, 0, TimeSpan.FromHours(1)));
        // 29 March 2026: 02:00-03:00 does not exist in Berlin; 02:30 runs at the first valid minute.
        DailyBackupService.NextRun(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), new TimeOnly(2, 30), zone).ShouldBe(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task Backups_run_at_the_time_of_day_once_a_day_and_the_newest_are_kept()
    {
        var dataDir = Path.Combine(root, "data");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir }, time);
        await using (var uow = await store.BeginAsync())
        {
            await uow.Users.TryCreateAsync("alice", "h");
            await uow.CommitAsync();
        }

        var options = new BackupOptions { Directory = Path.Combine(root, "backups"), TimeOfDay = "03:30", Keep = 2 };
        using var metrics = new BackupMetrics();
        using var service = new DailyBackupService(options, new SqliteBackupSource(dataDir), store, metrics, new JobLease(store, new NodeName("test"), time, NullLogger<JobLease>.Instance), time, NullLogger<DailyBackupService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.Ready;

        time.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(200);
        service.Runs.ShouldBe(0, "not before 03:30");

        for (var day = 1; day <= 3; day++)
        {
            time.Advance(day == 1 ? TimeSpan.FromMinutes(1) : TimeSpan.FromDays(1));
            await WaitForAsync(() => service.Runs == day);
            service.LastResult.ShouldNotBeNull().Ok.ShouldBeTrue();
            service.LastResult.Manifest.Created.ShouldBe(new DateTimeOffset(2026, 12, 5 + day, 3, 30, 0, TimeSpan.Zero));

            // The job gives its lease a last write after the backup and only then waits for the next day: the clock
            // moves on once it waits, or it would see tomorrow's 03:30 already past.
            await WaitForAsync(() => service.NextRunAt == new DateTimeOffset(2026, 12, 6 + day, 3, 30, 0, TimeSpan.Zero));
        }

        metrics.LastSuccess.ShouldBe(new DateTimeOffset(2026, 12, 8, 3, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        await service.StopAsync(CancellationToken.None);
        Directory.GetFiles(Path.Combine(root, "backups", "snapshots")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task On_PostgreSQL_the_host_backs_the_database_up_with_the_same_job()
    {
        var cluster = Coffer.TestData.PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("daily");
        try
        {
            var app = CofferServerHost.Build(
            [
                "--data", Path.Combine(root, "data"),
                "--Coffer:Sip:Listen=127.0.0.1:0",
                "--Coffer:Storage:Provider=postgres",
                $"--Coffer:Storage:ConnectionString={cluster.ConnectionString(database)}",
                $"--Coffer:Backup:Directory={Path.Combine(root, "backups")}",
            ]);
            await using (app)
            {
                var store = app.Services.GetRequiredService<ICofferStore>();
                await using (var uow = await store.BeginAsync())
                {
                    await uow.Users.TryCreateAsync("alice", "h");
                    await uow.CommitAsync();
                }

                app.Services.GetRequiredService<IBackupSource>().ShouldBeOfType<PostgresBackupSource>();
                var result = await app.Services.GetRequiredService<DailyBackupService>().RunOnceAsync(CancellationToken.None);

                result.ShouldNotBeNull().Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));
                result.Manifest.Source.ShouldBe("postgres");
                result.Manifest.Users.ShouldHaveSingleItem().Name.ShouldBe("alice");
            }
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Without_a_target_the_job_does_nothing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = Path.Combine(root, "data") }, time);
        using var metrics = new BackupMetrics();
        using var service = new DailyBackupService(new BackupOptions(), new SqliteBackupSource(Path.Combine(root, "data")), store, metrics, new JobLease(store, new NodeName("test"), time, NullLogger<JobLease>.Instance), time, NullLogger<DailyBackupService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.Ready;
        time.Advance(TimeSpan.FromDays(2));
        await Task.Delay(100);
        service.Runs.ShouldBe(0);
        await service.StopAsync(CancellationToken.None);
    }

    // Waits for the job's work on the thread pool (real time passes there; what is asserted is the outcome, not the wait).
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue();
    }
}
