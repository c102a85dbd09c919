using System.Globalization;
using Coffer.Interop.Tests.Harness;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;

namespace Coffer.Interop.Tests.Faults;

/// <summary>
/// Crash safety: the server process is killed with SIGKILL at random points of a stream of SyncEvolution two-way
/// syncs — before, during or after a message is applied and committed — and started again each time. The client
/// resends what went unanswered (OMA-TS-DS_Protocol-V1_2 §6.1) or runs the interrupted sync again. In the end nothing a
/// phone was told is stored is lost, nothing is stored twice, and a second phone sees exactly what the first one has.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CrashSafetyTests
{
    private const int KillsWanted = 50;
    private const Datastore Contacts = Datastore.Contacts;

    // Quick resends, so a message whose reply was cut off by a kill reaches the restarted process within the sync.
    private static readonly PhoneOptions Resending = new()
    {
        RetryInterval = TimeSpan.FromSeconds(3),
        RetryDuration = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task SyncStream_ServerKilledAtRandomPoints50Times_NothingAcknowledgedLost_NothingDuplicated()
    {
        using var env = SyncEvolutionEnvironment.Create("crash");
        await using var server = await CofferServerProcess.StartAsync(CofferInterop.User, CofferInterop.Password);
        var random = new Random(20261206);
        var killAt = 0;
        var restarting = Task.CompletedTask;
        await using var proxy = FaultProxy.Start(server.BaseUri, new FaultProxyOptions
        {
            BeforeForward = n =>
            {
                if (n == killAt)
                {
                    // The request goes on to the server; the kill lands a few milliseconds later, wherever the server
                    // is by then: reading it, applying it, committing, or answering.
                    var delay = random.Next(0, 40);
                    restarting = Task.Run(async () =>
                    {
                        await Task.Delay(delay);
                        server.Kill();
                        await server.StartAsync();
                    });
                }

                return Task.CompletedTask;
            },
        });
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "crasha", Resending);
        var b = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "crashb", Resending);
        TestVCards.WriteGenerated(a, 20);
        foreach (var phone in new[] { a, b })
        {
            var first = await phone.SyncAsync(SyncMode.Slow, Contacts);
            first.Succeeded.ShouldBeTrue(first + "\n" + server.Output);
        }


        var next = 1000;
        var log = new List<string>();
        for (var round = 0; server.Kills < KillsWanted; round++)
        {
            round.ShouldBeLessThan(KillsWanted * 2, "kills should land in almost every round");
            next = Change(a, random, round, next);
            killAt = proxy.Exchanges.Count + 1 + random.Next(0, 3);
            var interrupted = await a.SyncAsync(SyncMode.TwoWay, Contacts);
            await restarting;
            log.Add($"round {round}: kill before request {killAt}, sync {(Completed(interrupted) ? "succeeded" : "failed: " + interrupted.Status)}");
            killAt = 0;
            await SyncUntilDoneAsync(a, server, log);
            if (round % 5 == 4)
            {
                await SyncUntilDoneAsync(b, server, log);
            }
        }

        await SyncUntilDoneAsync(a, server, log);
        await SyncUntilDoneAsync(b, server, log);
        var because = string.Join('\n', log.TakeLast(12)) + "\n" + server.Output;
        IReadOnlyList<string> ignore = [.. CofferInterop.ClientRewrites, "LAST-MODIFIED", "DTSTAMP"];
        var expected = PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Contacts), ignore).ShouldBe(expected, because);
        CofferInterop.ShouldHaveNoDuplicateNames(a.ReadItems(Contacts).Values, "phone A: " + because);
        CofferInterop.ShouldHaveNoDuplicateNames(b.ReadItems(Contacts).Values, "phone B: " + because);
        var stored = await server.ContactsAsync(CofferInterop.User);
        CofferInterop.ShouldHaveNoDuplicateNames(stored, "server: " + because);
        stored.Select(c => PimItemNormalizer.Normalize(c, ignore)).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Order(StringComparer.Ordinal), "the server holds exactly phone A's contacts\n" + because);
        server.Kills.ShouldBeGreaterThanOrEqualTo(KillsWanted);

        // What coffer check runs: every payload decodes and parses, sequences and maps are consistent, no orphans.
        await using var store = server.OpenStore();
        var check = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault());
        check.Problems.ShouldBeEmpty(because);
        check.Items.ShouldBeGreaterThan(stored.Count, "deleted items are kept as tombstones and checked too");
    }

    /// <summary>Adds two contacts, edits one and deletes one on the phone; returns the next unused card number.</summary>
    private static int Change(Phone phone, Random random, int round, int next)
    {
        var c = CultureInfo.InvariantCulture;
        phone.WriteItem(Contacts, string.Create(c, $"crash-{next}.vcf"), TestVCards.Generated(next));
        phone.WriteItem(Contacts, string.Create(c, $"crash-{next + 1}.vcf"), TestVCards.Generated(next + 1));
        var files = phone.ReadItems(Contacts).Keys.Order(StringComparer.Ordinal).ToList();
        var edited = files[random.Next(files.Count)];
        phone.EditItem(Contacts, edited, card => card.Replace("NOTE:", string.Create(c, $"NOTE:round {round} "), StringComparison.Ordinal));
        var deleted = files.Where(f => f != edited).ElementAt(random.Next(files.Count - 1));
        phone.DeleteItem(Contacts, deleted);
        return next + 2;
    }

    /// <summary>Runs two-way syncs until one completes (a killed one left the client mid-session at most once or twice).</summary>
    private static async Task SyncUntilDoneAsync(Phone phone, CofferServerProcess server, List<string> log)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var report = await phone.SyncAsync(SyncMode.TwoWay, Contacts);
            if (Completed(report))
            {
                return;
            }

            log.Add($"{phone.Name}: retry {attempt} failed: {report}");
        }

        throw new ShouldAssertException("a sync did not complete after three attempts without kills:\n" + string.Join('\n', log.TakeLast(6)) + "\n" + server.Output);
    }

    /// <summary>
    /// A sync that completed. SyncEvolution names its session folders by the minute plus a letter; with this many
    /// sessions in one minute it runs out of letters and the folder (with status.ini) is not found, so then the
    /// client's own verdict on stdout counts.
    /// </summary>
    private static bool Completed(SyncReport report) =>
        report.Succeeded || report.ExitCode == 0 && report.Status == null && report.Output.Contains("Synchronization successful.", StringComparison.Ordinal);
}
