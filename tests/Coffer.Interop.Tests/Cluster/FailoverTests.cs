using System.Globalization;
using Coffer.Interop.Tests.Harness;
using Coffer.TestData;
using Npgsql;

namespace Coffer.Interop.Tests.Cluster;

/// <summary>
/// The mirror center (docs/operations.md, "Several nodes") failed over by hand: a PostgreSQL primary with a synchronous
/// streaming standby, the primary killed in the middle of a sync and the standby promoted with pg_ctl promote two
/// seconds later (<see cref="FailoverScenario"/>: the nodes find the new primary by themselves, every phone completes,
/// nothing acknowledged is lost, nothing is stored twice). <see cref="PatroniFailoverTests"/> leaves the promotion to Patroni.
/// </summary>
[Trait("Category", "Interop")]
public sealed class FailoverTests
{
    [Fact]
    public async Task PrimaryKilledMidSync_StandbyPromoted_EveryPhoneCompletes_NoAcknowledgedWriteLost_NoDuplicates()
    {
        using var primary = PostgresCluster.StartPrimary();
        using var standby = primary.StartStandby();
        var storage = await InteropStorage.CreateOnAsync(primary, database => new NpgsqlConnectionStringBuilder
        {
            Host = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}"),
            Username = "postgres",
            Database = database,
            TargetSessionAttributes = "read-write",
            HostRecheckSeconds = 1,
        }.ConnectionString);
        await FailoverScenario.RunAsync(storage, async moment =>
        {
            primary.Kill();
            await Task.Delay(2000);
            standby.Promote();
            moment.Note("standby promoted");
        });
    }
}
