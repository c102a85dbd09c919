using System.Globalization;
using Coffer.Interop.Tests.Harness;

namespace Coffer.Interop.Tests.Cluster;

/// <summary>
/// Two Coffer nodes on one PostgreSQL database behind haproxy balancing every request round robin, with no
/// stickiness: the messages of one SyncEvolution session land on both nodes in turn (session state, the md5 nonce,
/// the reply cache and the anchors all live in the database), and the sessions complete as on one node.
/// </summary>
[Trait("Category", "Interop")]
public sealed class RoundRobinTests
{
    private const Datastore Contacts = Datastore.Contacts;

    [Fact]
    public async Task Sessions_WhoseMessagesAlternateBetweenTwoNodes_Complete_WithNothingLostOrDuplicated()
    {
        using var env = SyncEvolutionEnvironment.Create("cluster");
        var storage = await InteropStorage.CreatePostgresAsync();
        await using var nodeA = await CofferServerProcess.StartAsync(CofferInterop.User, CofferInterop.Password, storage);
        await using var nodeB = await nodeA.StartNodeAsync();
        await using var haproxy = await HaproxyProcess.StartAsync([nodeA.Port, nodeB.Port]);

        // md5 authentication: the nonce one node gives out is checked by the other. Small messages: many per session.
        var options = new PhoneOptions { Auth = ClientAuth.Md5, MaxMsgSize = 8_000 };
        var a = await CofferInterop.NewPhoneAsync(env, haproxy.UrlFor("/sync"), "nodea", options);
        var b = await CofferInterop.NewPhoneAsync(env, haproxy.UrlFor("/sync"), "nodeb", options);
        TestVCards.WriteGenerated(a, 150);
        string Because() => $"node A:\n{nodeA.Output}\nnode B:\n{nodeB.Output}";

        var slow = await a.SyncAsync(SyncMode.Slow, Contacts);
        slow.Succeeded.ShouldBeTrue(slow + "\n" + Because());
        var served = await haproxy.ResponsesAsync();
        var counts = string.Join(", ", served);
        served.Count.ShouldBe(2);
        served.Values.ShouldAllBe(n => n >= 5, "both nodes answered messages of the session: " + counts);
        Math.Abs(served["node1"] - served["node2"]).ShouldBeLessThanOrEqualTo(1, "every message went to the other node than the one before: " + counts);

        // Changes on phone A go up in a two-way sync; phone B's slow sync then gets exactly A's contacts.
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < 10; i++)
        {
            a.WriteItem(Contacts, string.Create(c, $"added-{i}.vcf"), TestVCards.Generated(1000 + i));
        }

        var files = a.ReadItems(Contacts).Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var file in files.Take(5))
        {
            a.EditItem(Contacts, file, card => card.Replace("NOTE:", "NOTE:edited behind haproxy ", StringComparison.Ordinal));
        }

        foreach (var file in files.Skip(5).Take(5))
        {
            a.DeleteItem(Contacts, file);
        }

        var twoWay = await a.SyncAsync(SyncMode.TwoWay, Contacts);
        twoWay.Succeeded.ShouldBeTrue(twoWay + "\n" + Because());
        var first = await b.SyncAsync(SyncMode.Slow, Contacts);
        first.Succeeded.ShouldBeTrue(first + "\n" + Because());

        IReadOnlyList<string> ignore = [.. CofferInterop.ClientRewrites, "LAST-MODIFIED", "DTSTAMP"];
        var expected = PimItemNormalizer.NormalizeFolder(a.FolderOf(Contacts), ignore);
        expected.Count.ShouldBe(155);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Contacts), ignore).ShouldBe(expected, Because());
        var stored = await nodeA.ContactsAsync(CofferInterop.User);
        CofferInterop.ShouldHaveNoDuplicateNames(stored, "server: " + Because());
        stored.Select(s => PimItemNormalizer.Normalize(s, ignore)).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Order(StringComparer.Ordinal), "the store holds exactly phone A's contacts");
    }
}
