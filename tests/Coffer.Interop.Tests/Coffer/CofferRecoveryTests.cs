using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// The storage area of seed 000 §5.3 with the real SyncEvolution client: save, change on a phone, recover through the
/// JSON API; the next sync of every phone of the user is a slow sync that leaves it holding exactly the saved data.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferRecoveryTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "recover me";
    private const HarnessDatastore Contacts = HarnessDatastore.Contacts;
    private const int Count = 5;

    // A handset follows the server's 508 into a slow sync (seed 000 §5.3 counts on it). SyncEvolution refuses a slow sync
    // it did not ask for unless told otherwise (preventSlowSync, a guard against servers that lose their state), so these
    // phones are told.
    private static readonly PhoneOptions FollowsServer = new() { ExtraProperties = ["preventSlowSync=0"] };

    [Fact]
    public async Task SaveThenPhoneChangesThenRecover_NextSyncIsSlowAndBothPhonesEqualTheSavedState()
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync("recovery", Password);
        using var env = SyncEvolutionEnvironment.Create("recovery");
        using var api = new CofferApi(server.SyncUrl, user, Password);
        var a = await Phone.CreateAsync(env, "pa", server.SyncUrl, user, Password, FollowsServer);
        var b = await Phone.CreateAsync(env, "pb", server.SyncUrl, user, Password, FollowsServer);
        TestVCards.WriteGenerated(a, Count);
        (await SyncAsync(a, SyncMode.Slow))[Contacts].RemoteAdded.ShouldBe(Count);
        (await SyncAsync(b, SyncMode.RefreshFromServer))[Contacts].LocalAdded.ShouldBe(Count);

        // Seed 000 §5.3: the first sync of a new account saved automatically.
        var generations = await api.GenerationsAsync("contacts");
        generations.GetArrayLength().ShouldBe(1);
        generations[0].GetProperty("origin").GetString().ShouldBe("first-sync");
        generations[0].GetProperty("itemCount").GetInt64().ShouldBe(Count);

        var ignore = await ServerItems.IgnoredRewritesAsync(server, user, DatastoreKind.Contacts);
        var saved = PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore);
        var generation = await api.SaveAsync("contacts");

        // After the save: an add, an edit that keeps the contact's identity, an edit that changes it, a delete.
        a.WriteItem(Contacts, "added.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Later;Added;;;\r\nFN:Added Later\r\nTEL;TYPE=CELL:+4940111\r\nEND:VCARD\r\n");
        a.EditItem(Contacts, TestVCards.FileName(2), c => c.Replace("generated contact number 2", "edited after the save", StringComparison.Ordinal));
        a.EditItem(Contacts, TestVCards.FileName(3), c => c.Replace("Gen00003", "Renamed03", StringComparison.Ordinal));
        a.DeleteItem(Contacts, TestVCards.FileName(1));
        var changes = await SyncAsync(a);
        (changes[Contacts].RemoteAdded, changes[Contacts].RemoteUpdated, changes[Contacts].RemoteDeleted).ShouldBe((1, 2, 1), changes.ToString());
        var onB = await SyncAsync(b);
        (onB[Contacts].LocalAdded, onB[Contacts].LocalUpdated, onB[Contacts].LocalDeleted).ShouldBe((1, 2, 1), onB.ToString());
        PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore).ShouldNotBe(saved);

        var recovered = await api.RecoverAsync("contacts", generation);
        recovered.GetProperty("devicesMarked").GetInt32().ShouldBe(2);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(Count);

        foreach (var phone in new[] { a, b })
        {
            // A two-way sync asked for; the server answers 508 and the sync runs slow (seed 000 §5.3).
            var slow = await SyncAsync(phone);
            slow[Contacts].Mode.ShouldBe("slow", slow.ToString());
            phone.CountItems(Contacts).ShouldBe(Count, $"{phone.Name}: {slow}");
            CofferInterop.ShouldHaveNoDuplicateNames(phone.ReadItems(Contacts).Values, $"{phone.Name} after the recovery");
            PimItemNormalizer.NormalizeFolder(phone.FolderOf(Contacts), ignore).ShouldBe(saved, $"{phone.Name}: {slow}\n{server.Log}");
            (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(Count, $"{phone.Name}: {slow}");
        }

        // The recovery is settled: the next syncs are two-way again and move nothing.
        foreach (var phone in new[] { a, b })
        {
            var after = await SyncAsync(phone);
            after[Contacts].Mode.ShouldBe("two-way", after.ToString());
            (after[Contacts].LocalAdded, after[Contacts].LocalUpdated, after[Contacts].LocalDeleted).ShouldBe((0, 0, 0), after.ToString());
            (after[Contacts].RemoteAdded, after[Contacts].RemoteUpdated, after[Contacts].RemoteDeleted).ShouldBe((0, 0, 0), after.ToString());
        }

        // What the phones gave up is not lost: the added and the renamed contact are restorable deleted items.
        var deleted = (await api.DeletedAsync()).EnumerateArray().Select(d => d.GetProperty("lastVersion").GetProperty("content").GetString()!).ToList();
        deleted.ShouldContain(c => c.Contains("Added Later", StringComparison.Ordinal));
        deleted.ShouldContain(c => c.Contains("Renamed03", StringComparison.Ordinal));
    }

    private async Task<SyncReport> SyncAsync(Phone phone, SyncMode mode = SyncMode.TwoWay)
    {
        var report = await phone.SyncAsync(mode, Contacts);
        report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}\nserver log:\n{fixture.Server.Log}");
        return report;
    }
}
