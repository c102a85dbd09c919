using System.Globalization;
using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using Coffer.Sync.Quotas;
using Microsoft.Extensions.DependencyInjection;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// Per-user quotas with the real SyncEvolution client: Adds past the item limit get 420 (OMA-TS-SyncML_RepPro-V1_2 §10,
/// "Device full") one by one, nothing stored is touched, and once the limit is raised the next sync stores them.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferQuotaTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "full up";
    private const HarnessDatastore Contacts = HarnessDatastore.Contacts;

    [Fact]
    public async Task AddsPastTheItemQuotaGet420Each_StoredItemsUntouched_RaisedQuotaStoresThemNextSync()
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync("quota", Password);
        var quotas = server.App.Services.GetRequiredService<UserQuotas>();
        var account = await AccountAsync(user);
        (await quotas.SetAsync(account.Id, new UserQuota(5, null))).ShouldBeTrue();
        using var env = SyncEvolutionEnvironment.Create("quota");
        await using var proxy = FaultProxy.Start(new Uri(new Uri(server.SyncUrl), "/"));
        // The retry is a slow sync the server asks for (508); SyncEvolution refuses one it did not ask for unless told
        // otherwise (preventSlowSync), a handset follows it.
        var a = await Phone.CreateAsync(env, "pa", proxy.UrlFor("sync"), user, Password, new PhoneOptions { ExtraProperties = ["preventSlowSync=0"] });
        TestVCards.WriteGenerated(a, 3);
        (await a.SyncAsync(SyncMode.Slow, Contacts)).Succeeded.ShouldBeTrue(server.Log);
        var before = await server.LiveItemsAsync(user, DatastoreKind.Contacts);
        before.Count.ShouldBe(3);
        var sequence = await server.CurrentSequenceAsync(user);

        var added = Enumerable.Range(1, 4).Select(i => string.Create(CultureInfo.InvariantCulture, $"added-{i}.vcf")).ToList();
        for (var i = 0; i < added.Count; i++)
        {
            a.WriteItem(Contacts, added[i], string.Create(CultureInfo.InvariantCulture, $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Added{i + 1};Quinn;;;\r\nFN:Quinn Added{i + 1}\r\nTEL:+494000{i + 1}\r\nEND:VCARD\r\n"));
        }

        var first = proxy.Exchanges.Count;
        var full = await a.SyncAsync(SyncMode.TwoWay, Contacts);
        var statuses = proxy.Exchanges.Skip(first).Where(e => e.ResponseText != null)
            .SelectMany(e => SyncMLText.Statuses(e.ResponseText!)).Where(s => s.Cmd == "Add").ToList();
        var refused = statuses.Where(s => s.Data == "420").Select(s => s.SourceRef).ToList();
        refused.Count.ShouldBe(2, $"{full}\n{server.Log}");
        statuses.Count(s => s.Data == "201").ShouldBe(2, full.ToString());
        refused.ShouldAllBe(luid => luid != null && added.Contains(luid));
        full[Contacts].RemoteErrors.ShouldBe(2, full.ToString());

        // Nothing stored was touched: the three first cards are as they were, two of the new ones were added.
        var after = await server.LiveItemsAsync(user, DatastoreKind.Contacts);
        after.Count.ShouldBe(5);
        foreach (var card in before)
        {
            after.ShouldContain(card);
        }

        (await server.CurrentSequenceAsync(user)).ShouldBe(sequence + 2);
        a.CountItems(Contacts).ShouldBe(7, "the phone keeps what the server refused");

        (await quotas.SetAsync(account.Id, new UserQuota(10, null))).ShouldBeTrue();
        var retry = await a.SyncAsync(SyncMode.TwoWay, Contacts);
        retry.Succeeded.ShouldBeTrue($"{retry}\n{server.Log}");
        retry[Contacts].Mode.ShouldBe("slow", "the device sends what was refused only in a slow sync: " + retry);
        retry[Contacts].RemoteErrors.ShouldBe(0, retry.ToString());
        var stored = await server.LiveItemsAsync(user, DatastoreKind.Contacts);
        stored.Count.ShouldBe(7);
        CofferInterop.ShouldHaveNoDuplicateNames(stored, "server after the retry");
        foreach (var card in before)
        {
            stored.ShouldContain(card);
        }

        a.CountItems(Contacts).ShouldBe(7);
        CofferInterop.ShouldHaveNoDuplicateNames(a.ReadItems(Contacts).Values, "phone after the retry");

        // Settled: the next sync is two-way and moves nothing.
        var settled = await a.SyncAsync(SyncMode.TwoWay, Contacts);
        settled[Contacts].Mode.ShouldBe("two-way", settled.ToString());
        (settled[Contacts].RemoteAdded, settled[Contacts].LocalAdded).ShouldBe((0, 0), settled.ToString());
    }

    private async Task<UserAccount> AccountAsync(string user)
    {
        await using var read = await fixture.Server.Store.BeginReadAsync();
        return (await read.Users.FindByNameAsync(user))!;
    }
}
