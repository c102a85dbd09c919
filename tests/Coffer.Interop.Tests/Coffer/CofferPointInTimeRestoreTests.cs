using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// The history's point-in-time restore (seed 001) with the real SyncEvolution client: two phones and the JSON API change
/// the account, a restore of the account to an earlier time brings back exactly that state, and both phones receive it
/// at their next two-way sync.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferPointInTimeRestoreTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "time machine";
    private const HarnessDatastore Contacts = HarnessDatastore.Contacts;
    private const int Count = 4;

    [Fact]
    public async Task AccountRestoredToAPointInTime_ServerAndBothPhonesHoldExactlyThatState_DeletedContactComesBack()
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync("pitr", Password);
        using var env = SyncEvolutionEnvironment.Create("pitr");
        using var api = new CofferApi(server.SyncUrl, user, Password);
        var a = await Phone.CreateAsync(env, "pa", server.SyncUrl, user, Password);
        var b = await Phone.CreateAsync(env, "pb", server.SyncUrl, user, Password);
        TestVCards.WriteGenerated(a, Count);
        (await SyncAsync(a, SyncMode.Slow))[Contacts].RemoteAdded.ShouldBe(Count);
        (await SyncAsync(b, SyncMode.RefreshFromServer))[Contacts].LocalAdded.ShouldBe(Count);
        var note = await api.AddAsync("notes", "text/plain", "shopping: bread, milk");

        // The point in time: between the last write above and the first one below.
        await Task.Delay(50);
        var then = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var serverThen = await StateAsync(user);
        var ignore = await ServerItems.IgnoredRewritesAsync(server, user, DatastoreKind.Contacts);
        var phoneThen = PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore);

        // Phone A deletes a contact and edits another.
        a.DeleteItem(Contacts, TestVCards.FileName(1));
        a.EditItem(Contacts, TestVCards.FileName(2), c => c.Replace("generated contact number 2", "edited on A", StringComparison.Ordinal));
        await SyncAsync(a);

        // The API adds a contact, edits one, deletes one, edits the note.
        var items = (await api.ItemsAsync("contacts")).EnumerateArray().ToList();
        string IdOf(string name) => items.Single(i => i.GetProperty("content").GetString()!.Contains(name, StringComparison.Ordinal)).GetProperty("id").GetString()!;
        await api.AddAsync("contacts", "text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Web;Added;;;\r\nFN:Added Web\r\nTEL:+4940222\r\nEND:VCARD\r\n");
        var card3 = items.Single(i => i.GetProperty("content").GetString()!.Contains("Gen00003", StringComparison.Ordinal)).GetProperty("content").GetString()!;
        await api.ReplaceAsync("contacts", IdOf("Gen00003"), "text/vcard", card3.Replace("generated contact number 3", "edited on the web", StringComparison.Ordinal));
        await api.DeleteAsync("contacts", IdOf("Gen00004"));
        await api.ReplaceAsync("notes", note, "text/plain", "shopping: nothing");

        // Phone B takes all of it and adds a contact of its own; A takes B's.
        await SyncAsync(b);
        b.WriteItem(Contacts, "from-b.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Phone;Bee;;;\r\nFN:Bee Phone\r\nTEL:+4940333\r\nEND:VCARD\r\n");
        await SyncAsync(b);
        await SyncAsync(a);
        (await StateAsync(user)).ShouldNotBe(serverThen);

        var restored = await api.RestoreAsync("account", then);
        restored.GetProperty("restored").GetInt32().ShouldBe(5, restored.ToString());
        restored.GetProperty("deleted").GetInt32().ShouldBe(2, restored.ToString());
        (await StateAsync(user)).ShouldBe(serverThen);

        foreach (var phone in new[] { a, b })
        {
            // The restore is a change like any other: a two-way sync delivers it.
            var report = await SyncAsync(phone);
            report[Contacts].Mode.ShouldBe("two-way", report.ToString());
            phone.CountItems(Contacts).ShouldBe(Count, report.ToString());
            CofferInterop.ShouldHaveNoDuplicateNames(phone.ReadItems(Contacts).Values, phone.Name);
            phone.ReadItems(Contacts).Values.ShouldContain(c => c.Contains("Gen00001", StringComparison.Ordinal), "the contact deleted on A is back");
            PimItemNormalizer.NormalizeFolder(phone.FolderOf(Contacts), ignore).ShouldBe(phoneThen, $"{phone.Name}: {report}\n{server.Log}");
        }

        (await StateAsync(user)).ShouldBe(serverThen);
    }

    /// <summary>Every live item of the user's contacts and notes as stored, sorted.</summary>
    private async Task<List<string>> StateAsync(string user)
    {
        var state = new List<string>();
        foreach (var kind in new[] { DatastoreKind.Contacts, DatastoreKind.Notes })
        {
            state.AddRange((await fixture.Server.LiveItemsAsync(user, kind)).Select(i => $"{kind}: {i}"));
        }

        state.Sort(StringComparer.Ordinal);
        return state;
    }

    private async Task<SyncReport> SyncAsync(Phone phone, SyncMode mode = SyncMode.TwoWay)
    {
        var report = await phone.SyncAsync(mode, Contacts);
        report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}\nserver log:\n{fixture.Server.Log}");
        return report;
    }
}
