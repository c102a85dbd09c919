using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>Two phones of one user kept in step through Coffer with two-way syncs (OMA-TS-DS_Protocol-V1_2 §5.3).</summary>
[Trait("Category", "Interop")]
public sealed class CofferTwoPhoneTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "two-phones";
    private const HarnessDatastore Contacts = HarnessDatastore.Contacts;

    [Fact]
    public async Task PhoneAAddsEditsDeletes_PhoneBReceivesEachChange()
    {
        var (user, env, a, b) = await SetUpAsync(3);
        using var _ = env;

        a.WriteItem(Contacts, "added.vcf", Card("Added", "+4940555", "added on A"));
        a.WriteItem(Contacts, "added2.vcf", Card("Added2", "+4940556", "added on A too"));
        await ExpectAsync(a, remote: (2, 0, 0), local: (0, 0, 0));
        await ExpectAsync(b, remote: (0, 0, 0), local: (2, 0, 0));
        (await fixture.Server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(5);

        a.EditItem(Contacts, "added.vcf", c => c.Replace("+4940555", "+4940777", StringComparison.Ordinal));
        a.EditItem(Contacts, TestVCards.FileName(2), c => c.Replace("generated contact number 2", "edited on A", StringComparison.Ordinal));
        await ExpectAsync(a, remote: (0, 2, 0), local: (0, 0, 0));
        await ExpectAsync(b, remote: (0, 0, 0), local: (0, 2, 0));
        b.ReadItems(Contacts).Values.Count(c => c.Contains("+4940777", StringComparison.Ordinal)).ShouldBe(1);
        b.ReadItems(Contacts).Values.Count(c => c.Contains("+4940555", StringComparison.Ordinal)).ShouldBe(0);
        b.ReadItems(Contacts).Values.Count(c => c.Contains("edited on A", StringComparison.Ordinal)).ShouldBe(1);

        a.DeleteItem(Contacts, TestVCards.FileName(1));
        a.DeleteItem(Contacts, "added2.vcf");
        await ExpectAsync(a, remote: (0, 0, 2), local: (0, 0, 0));
        await ExpectAsync(b, remote: (0, 0, 0), local: (0, 0, 2));
        b.ReadItems(Contacts).Values.Count(c => c.Contains("Gen00001", StringComparison.Ordinal) || c.Contains("Added2", StringComparison.Ordinal)).ShouldBe(0);

        (await fixture.Server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(3);
        b.CountItems(Contacts).ShouldBe(3);
        var ignore = await ServerItems.IgnoredRewritesAsync(fixture.Server, user, DatastoreKind.Contacts);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Contacts), ignore).ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore));

        // Nothing left to exchange: a further round moves nothing either way.
        await ExpectAsync(a, remote: (0, 0, 0), local: (0, 0, 0));
        await ExpectAsync(b, remote: (0, 0, 0), local: (0, 0, 0));
    }

    [Fact]
    public async Task DifferentFieldsEditedOnAAndB_AreMergedOnTheServerAndOnBothPhones()
    {
        var (user, env, a, b) = await SetUpAsync(2);
        using var _ = env;
        var bFile = b.ReadItems(Contacts).Single(kv => kv.Value.Contains("Gen00001", StringComparison.Ordinal)).Key;

        // Seed 000 §4.3 / OMA-TS-DS_Protocol-V1_2 §6.9: the same contact, a different field on each phone.
        a.EditItem(Contacts, TestVCards.FileName(1), c => c.Replace("+49300000001", "+49301111111", StringComparison.Ordinal));
        b.EditItem(Contacts, bFile, c => c.Replace("generated contact number 1", "note edited on B", StringComparison.Ordinal)
            .Replace("bob00001@example.org", "bob.b@example.org", StringComparison.Ordinal));

        await ExpectAsync(a, remote: (0, 1, 0), local: (0, 0, 0));
        // B's change meets A's: the server merges both and sends the merged card back to B.
        var fromB = await SyncAsync(b);
        fromB[Contacts].RemoteUpdated.ShouldBe(1, fromB.ToString());
        (fromB[Contacts].RemoteAdded, fromB[Contacts].RemoteDeleted, fromB[Contacts].LocalAdded, fromB[Contacts].LocalDeleted).ShouldBe((0, 0, 0, 0), fromB.ToString());
        await ExpectAsync(a, remote: (0, 0, 0), local: (0, 1, 0));

        var server = (await fixture.Server.LiveItemsAsync(user, DatastoreKind.Contacts)).Single(i => i.Contains("Gen00001", StringComparison.Ordinal));
        foreach (var (side, card) in new[] { ("server", server), ("A", a.ReadItem(Contacts, TestVCards.FileName(1))), ("B", b.ReadItem(Contacts, bFile)) })
        {
            card.ShouldContain("+49301111111", Case.Sensitive, side);
            card.ShouldContain("note edited on B", Case.Sensitive, side);
            card.ShouldContain("bob.b@example.org", Case.Sensitive, side);
            card.ShouldNotContain("+49300000001", Case.Sensitive, side);
            card.ShouldNotContain("generated contact number 1", Case.Sensitive, side);
        }

        (await fixture.Server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(2);
        a.CountItems(Contacts).ShouldBe(2);
        b.CountItems(Contacts).ShouldBe(2);
        var ignore = await ServerItems.IgnoredRewritesAsync(fixture.Server, user, DatastoreKind.Contacts);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Contacts), ignore).ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore));
    }

    private static string Card(string name, string tel, string note) =>
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};Test;;;\r\nFN:Test {name}\r\nTEL;TYPE=CELL:{tel}\r\nNOTE:{note}\r\nEND:VCARD\r\n";

    private async Task<(string User, SyncEvolutionEnvironment Env, Phone A, Phone B)> SetUpAsync(int cards)
    {
        var user = await fixture.NewUserAsync("two", Password);
        var env = SyncEvolutionEnvironment.Create("twophones");
        var a = await Phone.CreateAsync(env, "pa", fixture.Server.SyncUrl, user, Password);
        var b = await Phone.CreateAsync(env, "pb", fixture.Server.SyncUrl, user, Password);
        TestVCards.WriteGenerated(a, cards);
        (await SyncAsync(a, SyncMode.Slow))[Contacts].RemoteAdded.ShouldBe(cards);
        (await SyncAsync(b, SyncMode.RefreshFromServer))[Contacts].LocalAdded.ShouldBe(cards);
        return (user, env, a, b);
    }

    private async Task<SyncReport> SyncAsync(Phone phone, SyncMode mode = SyncMode.TwoWay)
    {
        var report = await phone.SyncAsync(mode, Contacts);
        report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}\nserver log:\n{fixture.Server.Log}");
        return report;
    }

    private async Task ExpectAsync(Phone phone, (int Added, int Updated, int Deleted) remote, (int Added, int Updated, int Deleted) local)
    {
        var report = await SyncAsync(phone);
        var r = report[Contacts];
        ((int)r.RemoteAdded, (int)r.RemoteUpdated, (int)r.RemoteDeleted).ShouldBe(remote, $"{phone.Name} remote\n{report}");
        ((int)r.LocalAdded, (int)r.LocalUpdated, (int)r.LocalDeleted).ShouldBe(local, $"{phone.Name} local\n{report}");
    }
}
