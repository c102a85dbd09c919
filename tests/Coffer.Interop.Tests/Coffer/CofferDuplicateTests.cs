using System.Globalization;
using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using Coffer.TestData;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// Slow syncs must not duplicate (OMA-TS-DS_Protocol-V1_2 §5.4: the server pairs the client's items with its own).
/// Phones repeat slow syncs after a reset or a lost anchor, and a second phone often starts with the same data.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferDuplicateTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "no-dups";
    private const int Cards = 10;

    [Fact]
    public async Task RepeatedSlowSyncOfA_AndSlowSyncOfBWithTheSameItems_CreateNoDuplicates()
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync("dups", Password);
        using var env = SyncEvolutionEnvironment.Create("dups");
        var a = await Phone.CreateAsync(env, "pa", server.SyncUrl, user, Password);
        var b = await Phone.CreateAsync(env, "pb", server.SyncUrl, user, Password);
        var events = TestCaseItems.Split(File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", "eds_event.ics")), "VCALENDAR");
        foreach (var phone in new[] { a, b })
        {
            TestVCards.WriteGenerated(phone, Cards);
            for (var i = 0; i < events.Count; i++)
            {
                phone.WriteItem(HarnessDatastore.Calendar, string.Create(CultureInfo.InvariantCulture, $"event-{i + 1:D2}.ics"), events[i]);
            }
        }

        var first = await SyncAsync(a, SyncMode.Slow);
        first[HarnessDatastore.Contacts].RemoteAdded.ShouldBe(Cards);
        first[HarnessDatastore.Calendar].RemoteAdded.ShouldBe(events.Count);
        await ExpectServerAsync(user, Cards, events.Count);
        var sequence = await server.CurrentSequenceAsync(user);
        var aFiles = Snapshot(a);
        var bFiles = Snapshot(b);

        var again = await SyncAsync(a, SyncMode.Slow);
        ExpectNothingReceived(again);
        await ExpectServerAsync(user, Cards, events.Count);
        Snapshot(a).ShouldBe(aFiles, "a repeated slow sync must not change phone A");

        var fromB = await SyncAsync(b, SyncMode.Slow);
        ExpectNothingReceived(fromB);
        await ExpectServerAsync(user, Cards, events.Count);
        Snapshot(b).ShouldBe(bFiles, "B already held every item: nothing may be added to it");

        // Neither phone has anything to receive afterwards.
        ExpectNothingReceived(await SyncAsync(a, SyncMode.TwoWay));
        ExpectNothingReceived(await SyncAsync(b, SyncMode.TwoWay));
        Snapshot(a).ShouldBe(aFiles);
        Snapshot(b).ShouldBe(bFiles);
        await ExpectServerAsync(user, Cards, events.Count);

        // Not even a new version: the server's change sequence did not move after the first upload.
        (await server.CurrentSequenceAsync(user)).ShouldBe(sequence, "paired twins must not be rewritten");
    }

    private static void ExpectNothingReceived(SyncReport report)
    {
        foreach (var datastore in new[] { HarnessDatastore.Contacts, HarnessDatastore.Calendar })
        {
            var r = report[datastore];
            (r.LocalAdded, r.LocalUpdated, r.LocalDeleted).ShouldBe((0, 0, 0), $"{datastore}: {report}");
            (r.RemoteUpdated, r.RemoteDeleted).ShouldBe((0, 0), $"{datastore}: {report}");
        }
    }

    private static Dictionary<string, string> Snapshot(Phone phone) =>
        new[] { HarnessDatastore.Contacts, HarnessDatastore.Calendar }
            .SelectMany(d => phone.ReadItems(d).Select(kv => (Key: d + "/" + kv.Key, kv.Value)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private async Task ExpectServerAsync(string user, int contacts, int events)
    {
        // Read through Coffer.Storage (a read unit of work on the running server's store).
        (await fixture.Server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(contacts, fixture.Server.Log);
        (await fixture.Server.CountLiveAsync(user, DatastoreKind.Events)).ShouldBe(events, fixture.Server.Log);
    }

    private async Task<SyncReport> SyncAsync(Phone phone, SyncMode mode)
    {
        var report = await phone.SyncAsync(mode, HarnessDatastore.Contacts, HarnessDatastore.Calendar);
        report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}\nserver log:\n{fixture.Server.Log}");
        return report;
    }
}
