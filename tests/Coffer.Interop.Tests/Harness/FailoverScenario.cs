using System.Globalization;
using Coffer.LoadBench.Load;
using Coffer.Storage.Providers;
using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The mirror center's failover, whoever promotes the standby (a test by hand, or Patroni): two Coffer nodes behind
/// haproxy on a store reached through a multi-host connection string with target_session_attrs=read-write, three
/// SyncEvolution phones syncing rounds of new contacts, and the load generator's simulated phones (bench/load) syncing
/// their own accounts through the same haproxy all along, retrying a sync that broke off. A moment into a phone's sync
/// the given failover runs (it kills the primary); then every phone must complete, nothing a phone was told is stored
/// may be lost and nothing may be stored twice, and each simulated phone must hold exactly what its account holds.
/// </summary>
public static class FailoverScenario
{
    private const Datastore Contacts = Datastore.Contacts;
    private const int Phones = 3;
    private const int Rounds = 4;
    private const int LoadPhones = 20;

    private static readonly PhoneOptions Retrying = new()
    {
        RetryInterval = TimeSpan.FromSeconds(3),
        RetryDuration = TimeSpan.FromSeconds(90),
    };

    /// <param name="storage">A database on the primary, reached through a connection string naming both databases.</param>
    /// <param name="failOver">Kills the primary (and promotes the standby, unless something else does), adding what it did to the log.</param>
    public static async Task RunAsync(InteropStorage storage, Func<FailoverMoment, Task> failOver)
    {
        await using var nodeA = await CofferServerProcess.StartAsync(CofferInterop.User, CofferInterop.Password, storage);
        await using var nodeB = await nodeA.StartNodeAsync();
        await using var haproxy = await HaproxyProcess.StartAsync([nodeA.Port, nodeB.Port]);
        using var env = SyncEvolutionEnvironment.Create("failover");
        var phones = new List<Phone>();
        for (var p = 0; p < Phones; p++)
        {
            var phone = await CofferInterop.NewPhoneAsync(env, haproxy.UrlFor("/sync"), "fail" + p, Retrying);
            for (var i = 0; i < 20; i++)
            {
                phone.WriteItem(Contacts, Card(p, i).Name, Card(p, i).Text);
            }

            phones.Add(phone);
        }

        var log = new List<string>();
        var loadText = new StringWriter();
        var loadOutput = TextWriter.Synchronized(loadText);
        string LoadText()
        {
            lock (loadOutput)
            {
                return loadText.ToString();
            }
        }

        string Because()
        {
            lock (log)
            {
                return string.Join('\n', log.TakeLast(12)) + $"\nload:\n{LoadText()}\nnode A:\n{nodeA.Output}\nnode B:\n{nodeB.Output}";
            }
        }

        foreach (var phone in phones)
        {
            await SyncUntilDoneAsync(phone, SyncMode.Slow, log, Because);
        }

        // Simulated phones in closed loops of two-way syncs until a minute is over: the primary dies among them. They
        // start after the phones' slow syncs, so however long those take the load is still running at the kill.
        var load = new LoadRun(new LoadOptions
        {
            Phones = LoadPhones,
            Contacts = 20,
            Rounds = 1000,
            Changes = new ChangeMix(1, 1, 1),
            Url = new Uri(haproxy.UrlFor("/")),
            Provider = StoreProvider.Postgres,
            ConnectionString = storage.ConnectionString,
            DataDir = nodeA.DataDir, // where the cluster's master key is
            Duration = TimeSpan.FromSeconds(60),
            Attempts = 10,
        }).RunAsync(loadOutput, CancellationToken.None);

        // Rounds of new contacts on every phone; in round 1 the primary dies a moment into a phone's sync.
        var failedOver = false;
        for (var round = 0; round < Rounds; round++)
        {
            for (var p = 0; p < Phones; p++)
            {
                var next = 100 + (round * 2);
                phones[p].WriteItem(Contacts, Card(p, next).Name, Card(p, next).Text);
                phones[p].WriteItem(Contacts, Card(p, next + 1).Name, Card(p, next + 1).Text);
                var syncing = SyncUntilDoneAsync(phones[p], SyncMode.TwoWay, log, Because);
                if (round == 1 && p == 1)
                {
                    await Task.Delay(700);
                    load.IsCompleted.ShouldBeFalse("the simulated phones are still syncing when the primary dies\n" + Because());
                    lock (log)
                    {
                        log.Add($"round {round}: the primary dies during {phones[p].Name}'s sync");
                    }

                    await failOver(new FailoverMoment(log, new Uri(haproxy.UrlFor("/")), nodeA.DataDir));
                    failedOver = true;
                }

                await syncing;
            }
        }

        failedOver.ShouldBeTrue();
        (await load).ShouldBe(0, "every simulated phone's syncs completed, and each holds what its account holds on the server\n" + Because());
        LoadText().ShouldContain($"store check: every phone holds as many contacts as its account on the server", Case.Sensitive, Because());

        // Two more rounds of plain two-way syncs bring every phone every other phone's contacts.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var phone in phones)
            {
                await SyncUntilDoneAsync(phone, SyncMode.TwoWay, log, Because);
            }
        }

        IReadOnlyList<string> ignore = [.. CofferInterop.ClientRewrites, "LAST-MODIFIED", "DTSTAMP"];
        var expected = Enumerable.Range(0, Phones)
            .SelectMany(p => Enumerable.Range(0, 20).Concat(Enumerable.Range(100, Rounds * 2)).Select(i => PimItemNormalizer.Normalize(Card(p, i).Text, ignore)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stored = await nodeB.ContactsAsync(CofferInterop.User);
        CofferInterop.ShouldHaveNoDuplicateNames(stored, "server: " + Because());
        stored.Select(s => PimItemNormalizer.Normalize(s, ignore)).Order(StringComparer.Ordinal).ToList()
            .ShouldBe(expected, "every contact every phone was told is stored is on the promoted standby, once\n" + Because());
        foreach (var phone in phones)
        {
            PimItemNormalizer.NormalizeFolder(phone.FolderOf(Contacts), ignore).Order(StringComparer.Ordinal).ToList().ShouldBe(expected, phone.Name + "\n" + Because());
        }
    }

    private static (string Name, string Text) Card(int phone, int i)
    {
        var n = (phone * 1000) + i;
        return (string.Create(CultureInfo.InvariantCulture, $"p{phone}-{i:D3}.vcf"), TestVCards.Generated(n));
    }

    private static async Task SyncUntilDoneAsync(Phone phone, SyncMode mode, List<string> log, Func<string> because)
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var report = await phone.SyncAsync(mode, Contacts);
            if (report.Succeeded)
            {
                return;
            }

            lock (log)
            {
                log.Add($"{phone.Name}: attempt {attempt} failed: {report}");
            }

            // A sync broken by the failover left the server's anchors where they were: the next one picks up from there.
            mode = mode == SyncMode.Slow ? SyncMode.Slow : SyncMode.TwoWay;
        }

        throw new ShouldAssertException($"{phone.Name}: no sync completed after four attempts\n{because()}");
    }
}
