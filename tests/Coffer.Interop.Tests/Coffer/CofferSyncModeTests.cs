using Coffer.Interop.Tests.Harness;
using Coffer.Interop.Tests.HarnessTests;
using Coffer.Storage;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// Every sync type of OMA-TS-DS_Protocol-V1_2 §5 (Alert 200–205) started by the real SyncEvolution client against
/// Coffer. Each test starts from the same state — phones A and B of one user hold cards 1..4, in sync with the
/// server — makes changes on both sides and checks that exactly the changes the mode allows moved, in the right
/// direction. Phone A talks through a recording proxy, so the Alert code it sent is checked too.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferSyncModeTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "modes-pw";
    private const int Initial = 4;
    private const HarnessDatastore Contacts = HarnessDatastore.Contacts;

    [Fact]
    public async Task Slow_ExchangesWhatEachSideLacks_AndMatchesTheCommonItems()
    {
        await using var s = await SetUpAsync();
        s.B.WriteItem(Contacts, "b-new.vcf", Card("Bnew", "+4940111"));
        (await s.Sync(s.B, SyncMode.TwoWay))[Contacts].RemoteAdded.ShouldBe(1);
        s.A.WriteItem(Contacts, "a-new.vcf", Card("Anew", "+4940222"));

        var slow = await s.SyncA(SyncMode.Slow, "201");

        // §5.4 slow sync: all of A's five items go to the server as Adds, which pairs them with its own copies.
        // The client counts every Add the server answered 201 as "remote added" (the reference server answers 201
        // to slow-sync twins too: captures session-modes 005-006), so the proof of pairing is the server's count.
        var r = slow[Contacts];
        (r.RemoteAdded, r.RemoteUpdated, r.RemoteDeleted).ShouldBe((Initial + 1, 0, 0), slow.ToString());
        (r.LocalAdded, r.LocalUpdated, r.LocalDeleted).ShouldBe((1, 0, 0), slow.ToString());
        s.A.CountItems(Contacts).ShouldBe(Initial + 2);
        (await s.ServerCountAsync()).ShouldBe(Initial + 2);
        await s.ShouldMatchServerAsync(s.A);
    }

    [Fact]
    public async Task TwoWay_ChangesOnBothPhonesReachTheServerAndTheOtherPhone()
    {
        await using var s = await SetUpAsync();
        s.A.WriteItem(Contacts, "a-new.vcf", Card("Anew", "+4940222"));
        s.A.EditItem(Contacts, TestVCards.FileName(1), c => c.Replace("+49300000001", "+49309999991", StringComparison.Ordinal));
        s.B.DeleteItem(Contacts, FileWith(s.B, "+49300000002"));

        var a = await s.SyncA(SyncMode.TwoWay, "200");
        (a[Contacts].RemoteAdded, a[Contacts].RemoteUpdated, a[Contacts].RemoteDeleted).ShouldBe((1, 1, 0), a.ToString());
        (a[Contacts].LocalAdded, a[Contacts].LocalUpdated, a[Contacts].LocalDeleted).ShouldBe((0, 0, 0), a.ToString());
        var b = await s.Sync(s.B, SyncMode.TwoWay);
        (b[Contacts].RemoteAdded, b[Contacts].RemoteUpdated, b[Contacts].RemoteDeleted).ShouldBe((0, 0, 1), b.ToString());
        (b[Contacts].LocalAdded, b[Contacts].LocalUpdated, b[Contacts].LocalDeleted).ShouldBe((1, 1, 0), b.ToString());
        var a2 = await s.SyncA(SyncMode.TwoWay, "200");
        (a2[Contacts].LocalAdded, a2[Contacts].LocalUpdated, a2[Contacts].LocalDeleted).ShouldBe((0, 0, 1), a2.ToString());

        (await s.ServerCountAsync()).ShouldBe(Initial);
        (await s.ServerItemsAsync()).Count(i => i.Contains("+49309999991", StringComparison.Ordinal)).ShouldBe(1);
        await s.ShouldMatchServerAsync(s.A);
        await s.ShouldMatchServerAsync(s.B);
    }

    [Fact]
    public async Task OneWayFromClient_ServerGetsAsChange_AReceivesNothing()
    {
        await using var s = await SetUpAsync();
        s.B.WriteItem(Contacts, "b-new.vcf", Card("Bnew", "+4940111"));
        (await s.Sync(s.B, SyncMode.TwoWay))[Contacts].RemoteAdded.ShouldBe(1);
        s.A.EditItem(Contacts, TestVCards.FileName(3), c => c.Replace("+49300000003", "+49309999993", StringComparison.Ordinal));
        var aBefore = s.A.ReadItems(Contacts);

        var one = await s.SyncA(SyncMode.OneWayFromClient, "202");

        (one[Contacts].RemoteAdded, one[Contacts].RemoteUpdated, one[Contacts].RemoteDeleted).ShouldBe((0, 1, 0), one.ToString());
        (one[Contacts].LocalAdded, one[Contacts].LocalUpdated, one[Contacts].LocalDeleted).ShouldBe((0, 0, 0), one.ToString());
        s.A.ReadItems(Contacts).ShouldBe(aBefore, "one-way-from-client must not change the phone");
        var server = await s.ServerItemsAsync();
        server.Count.ShouldBe(Initial + 1);
        server.Count(i => i.Contains("+49309999993", StringComparison.Ordinal)).ShouldBe(1);
        server.Count(i => i.Contains("+49300000003", StringComparison.Ordinal)).ShouldBe(0);

        // The change A sent reaches B; B's own card was already on the server.
        var b = await s.Sync(s.B, SyncMode.TwoWay);
        (b[Contacts].LocalAdded, b[Contacts].LocalUpdated, b[Contacts].LocalDeleted).ShouldBe((0, 1, 0), b.ToString());
        await s.ShouldMatchServerAsync(s.B);
    }

    [Fact]
    public async Task RefreshFromClient_ServerEndsUpExactlyAsSet_BThenDeletesWhatAHasNot()
    {
        await using var s = await SetUpAsync();
        s.B.WriteItem(Contacts, "b-new.vcf", Card("Bnew", "+4940111"));
        (await s.Sync(s.B, SyncMode.TwoWay))[Contacts].RemoteAdded.ShouldBe(1);
        s.A.DeleteItem(Contacts, TestVCards.FileName(4));
        s.A.WriteItem(Contacts, "a-new.vcf", Card("Anew", "+4940222"));
        var aBefore = s.A.ReadItems(Contacts);

        var refresh = await s.SyncA(SyncMode.RefreshFromClient, "203");

        refresh.Succeeded.ShouldBeTrue(refresh.ToString());
        (refresh[Contacts].LocalAdded, refresh[Contacts].LocalUpdated, refresh[Contacts].LocalDeleted).ShouldBe((0, 0, 0), refresh.ToString());
        s.A.ReadItems(Contacts).ShouldBe(aBefore, "refresh-from-client must not change the phone");
        // §5.6 (203): the server's datastore is replaced by the client's: card 4 and B's card are gone.
        (await s.ServerCountAsync()).ShouldBe(Initial);
        await s.ShouldMatchServerAsync(s.A);

        var b = await s.Sync(s.B, SyncMode.TwoWay);
        (b[Contacts].LocalAdded, b[Contacts].LocalUpdated, b[Contacts].LocalDeleted).ShouldBe((1, 0, 2), b.ToString());
        (b[Contacts].RemoteAdded, b[Contacts].RemoteUpdated, b[Contacts].RemoteDeleted).ShouldBe((0, 0, 0), b.ToString());
        await s.ShouldMatchServerAsync(s.B);
    }

    [Theory]
    [InlineData(false, "200")]
    [InlineData(true, "204")]
    public async Task OneWayFromServer_AReceivesServerChanges_ServerGetsNothingFromA(bool enableRefreshSync, string alert)
    {
        await using var s = await SetUpAsync(enableRefreshSync);
        s.B.WriteItem(Contacts, "b-new.vcf", Card("Bnew", "+4940111"));
        s.B.EditItem(Contacts, FileWith(s.B, "+49300000001"), c => c.Replace("+49300000001", "+49309999991", StringComparison.Ordinal));
        var fromB = await s.Sync(s.B, SyncMode.TwoWay);
        (fromB[Contacts].RemoteAdded, fromB[Contacts].RemoteUpdated).ShouldBe((1, 1), fromB.ToString());
        s.A.EditItem(Contacts, TestVCards.FileName(2), c => c.Replace("+49300000002", "+49309999992", StringComparison.Ordinal));
        var sequence = await fixture.Server.CurrentSequenceAsync(s.User);

        var one = await s.SyncA(SyncMode.OneWayFromServer, alert);

        (one[Contacts].LocalAdded, one[Contacts].LocalUpdated, one[Contacts].LocalDeleted).ShouldBe((1, 1, 0), one.ToString());
        (one[Contacts].RemoteAdded, one[Contacts].RemoteUpdated, one[Contacts].RemoteDeleted).ShouldBe((0, 0, 0), one.ToString());
        (await fixture.Server.CurrentSequenceAsync(s.User)).ShouldBe(sequence, "nothing may be written on the server");
        (await s.ServerItemsAsync()).Count(i => i.Contains("+49309999992", StringComparison.Ordinal)).ShouldBe(0);
        s.A.CountItems(Contacts).ShouldBe(Initial + 1);
        s.A.ReadItems(Contacts).Values.Count(c => c.Contains("+49309999991", StringComparison.Ordinal)).ShouldBe(1);
        s.A.ReadItem(Contacts, TestVCards.FileName(2)).ShouldContain("+49309999992", Case.Sensitive, "A keeps its unsent edit");
    }

    [Theory]
    [InlineData(false, "201")]
    [InlineData(true, "205")]
    public async Task RefreshFromServer_APhoneEndsUpExactlyTheServerSet_ServerUnchanged(bool enableRefreshSync, string alert)
    {
        await using var s = await SetUpAsync(enableRefreshSync);
        s.B.WriteItem(Contacts, "b-new.vcf", Card("Bnew", "+4940111"));
        (await s.Sync(s.B, SyncMode.TwoWay))[Contacts].RemoteAdded.ShouldBe(1);
        s.A.WriteItem(Contacts, "a-only.vcf", Card("Aonly", "+4940222"));
        s.A.DeleteItem(Contacts, TestVCards.FileName(1));
        var sequence = await fixture.Server.CurrentSequenceAsync(s.User);

        var refresh = await s.SyncA(SyncMode.RefreshFromServer, alert);

        // A's data is replaced by the server's five cards: its own extra card is gone, card 1 is back, and the
        // server got nothing from A.
        refresh[Contacts].LocalAdded.ShouldBe(Initial + 1, refresh.ToString());
        (refresh[Contacts].RemoteAdded, refresh[Contacts].RemoteUpdated, refresh[Contacts].RemoteDeleted).ShouldBe((0, 0, 0), refresh.ToString());
        (await fixture.Server.CurrentSequenceAsync(s.User)).ShouldBe(sequence, "nothing may be written on the server");
        s.A.CountItems(Contacts).ShouldBe(Initial + 1);
        s.A.ReadItems(Contacts).Values.Count(c => c.Contains("Aonly", StringComparison.Ordinal)).ShouldBe(0);
        await s.ShouldMatchServerAsync(s.A);
    }

    /// <summary>The file holding the one item that contains <paramref name="text"/> (a restored phone names files itself).</summary>
    private static string FileWith(Phone phone, string text) =>
        phone.ReadItems(Contacts).Single(kv => kv.Value.Contains(text, StringComparison.Ordinal)).Key;

    private static string Card(string name, string tel) =>
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};Test;;;\r\nFN:Test {name}\r\nTEL;TYPE=CELL:{tel}\r\nEND:VCARD\r\n";

    private async Task<Scenario> SetUpAsync(bool enableRefreshSync = false)
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync("modes", Password);
        var env = SyncEvolutionEnvironment.Create("modes");
        var proxy = FaultProxy.Start(new Uri(new Uri(server.SyncUrl), "/"));
        var options = new PhoneOptions { EnableRefreshSync = enableRefreshSync };
        var a = await Phone.CreateAsync(env, "pa", proxy.UrlFor("sync"), user, Password, options);
        var b = await Phone.CreateAsync(env, "pb", server.SyncUrl, user, Password, options);
        var s = new Scenario(server, user, env, proxy, a, b);
        TestVCards.WriteGenerated(a, Initial);
        (await s.Sync(a, SyncMode.Slow))[Contacts].RemoteAdded.ShouldBe(Initial);
        (await s.Sync(b, SyncMode.RefreshFromServer))[Contacts].LocalAdded.ShouldBe(Initial);
        return s;
    }

    private sealed record Scenario(CofferServer Server, string User, SyncEvolutionEnvironment Env, FaultProxy Proxy, Phone A, Phone B) : IAsyncDisposable
    {
        /// <summary>A sync that must succeed.</summary>
        public async Task<SyncReport> Sync(Phone phone, SyncMode mode)
        {
            var report = await phone.SyncAsync(mode, Contacts);
            report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}\nserver log:\n{Server.Log}");
            return report;
        }

        /// <summary>A sync of phone A that must succeed and must have been started with Alert <paramref name="alert"/>.</summary>
        public async Task<SyncReport> SyncA(SyncMode mode, string alert)
        {
            var before = Proxy.Exchanges.Count;
            var report = await Sync(A, mode);
            PhoneTests.AlertCodesOf(Proxy.Exchanges[before].RequestText).ShouldBe([alert], $"Alert sent for {mode}");
            return report;
        }

        public Task<long> ServerCountAsync() => Server.CountLiveAsync(User, DatastoreKind.Contacts);

        public Task<IReadOnlyList<string>> ServerItemsAsync() => Server.LiveItemsAsync(User, DatastoreKind.Contacts);

        /// <summary>The phone's contacts equal the server's live contacts (normalized).</summary>
        public async Task ShouldMatchServerAsync(Phone phone)
        {
            var ignore = await ServerItems.IgnoredRewritesAsync(Server, User, DatastoreKind.Contacts);
            var server = (await ServerItemsAsync()).Select(i => PimItemNormalizer.Normalize(i, ignore)).Order(StringComparer.Ordinal).ToList();
            PimItemNormalizer.NormalizeFolder(phone.FolderOf(Contacts), ignore).ShouldBe(server, $"{phone.Name} vs server");
        }

        public async ValueTask DisposeAsync()
        {
            await Proxy.DisposeAsync();
            Env.Dispose();
        }
    }
}
