using System.Diagnostics;
using Coffer.Interop.Tests.Harness;
using Coffer.LoadBench.Load;
using Coffer.Storage.Providers;
using Xunit.Abstractions;

namespace Coffer.Interop.Tests.Cluster;

/// <summary>
/// The mirror center failed over by Patroni (docs/operations.md, "Patroni and etcd"): etcd and two Patroni members in
/// synchronous_mode on loopback, two Coffer nodes behind haproxy reaching them through a multi-host connection string
/// with target_session_attrs=read-write. In the middle of a sync the primary's host dies — its Patroni killed, its
/// PostgreSQL shut down at once — and nobody promotes anything: Patroni on the standby takes the leader lock when it
/// expires and promotes its PostgreSQL (<see cref="FailoverScenario"/>: every phone completes, nothing acknowledged is
/// lost, nothing is stored twice). The time from the death to the first sync that completes after it is printed (a
/// figure for bench/README.md, never asserted).
/// </summary>
[Trait("Category", "Interop")]
public sealed class PatroniFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PrimaryHostDiesMidSync_PatroniPromotesTheStandby_EveryPhoneCompletes_NoAcknowledgedWriteLost_NoDuplicates()
    {
        await using var pair = await PatroniPair.StartAsync();
        var database = await pair.CreateDatabaseAsync("patroni");
        var storage = InteropStorage.On(database, pair.ConnectionString(database));
        var promoted = TimeSpan.Zero;
        var firstSync = TimeSpan.Zero;
        await FailoverScenario.RunAsync(storage, async moment =>
        {
            // A phone of its own syncs once before the death (its account made, its code path warm)...
            var probe = new LoadOptions
            {
                Phones = 1,
                Contacts = 5,
                Rounds = 0,
                Url = moment.Balancer,
                Provider = StoreProvider.Postgres,
                ConnectionString = storage.ConnectionString,
                DataDir = moment.MasterKeyDir,
                UserPrefix = "probe",
                Duration = TimeSpan.FromSeconds(20),
            };
            (await new LoadRun(probe).RunAsync(TextWriter.Null, CancellationToken.None)).ShouldBe(0, "the probe phone syncs before the failover");

            var sinceDeath = Stopwatch.StartNew();
            pair.First.Kill();
            moment.Note($"{pair.First.Name}'s host died: Patroni killed, PostgreSQL stopped at once");

            // ...and tries again every half second after it, until a sync completes.
            var probing = ProbeUntilSyncedAsync(probe with { SkipSetup = true }, sinceDeath);
            await pair.Second.WaitUntilAsync("/primary", TimeSpan.FromSeconds(60));
            promoted = sinceDeath.Elapsed;
            moment.Note($"Patroni promoted {pair.Second.Name} {promoted.TotalSeconds:F1} s after the death");
            firstSync = await probing;
            moment.Note($"first sync completed {firstSync.TotalSeconds:F1} s after the death");
        });

        (await pair.Second.AnswersAsync("/primary")).ShouldBeTrue("the standby is the primary now:\n" + pair.Output);
        output.WriteLine($"Patroni failover: leader lock ttl 6 s, loop_wait 1 s; the standby was promoted {promoted.TotalSeconds:F1} s and the first sync completed {firstSync.TotalSeconds:F1} s after the primary's host died");
    }

    private static async Task<TimeSpan> ProbeUntilSyncedAsync(LoadOptions probe, Stopwatch sinceDeath)
    {
        while (await new LoadRun(probe).RunAsync(TextWriter.Null, CancellationToken.None) != 0)
        {
            sinceDeath.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(2), "a sync completes after the failover");
            await Task.Delay(500);
        }

        return sinceDeath.Elapsed;
    }
}
