using Coffer.Interop.Tests.Harness;

namespace Coffer.Interop.Tests.Reference;

/// <summary>
/// The harness proven end to end: the real SyncEvolution client against SyncEvolution's own reference server.
/// The same scenarios will run against the Coffer server once its engine lands.
/// </summary>
[Trait("Category", "Reference")]
public sealed class ReferenceServerSyncTests
{
    private const string User = "alice";
    private const string Password = "secret";

    // The Synthesis engine's file backend rewrites vCard 3.0 items without their UID (and stamps PRODID/REV).
    private static readonly string[] ReferenceRewrites = [.. PimItemNormalizer.EngineStamped, "UID"];

    private static readonly PhoneOptions Fast = new() { RetryInterval = TimeSpan.FromSeconds(1), RetryDuration = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task SlowSyncFromPhoneA_ThenRefreshFromServerIntoEmptyPhoneB_RestoresTheSameContacts()
    {
        using var env = SyncEvolutionEnvironment.Create("restore");
        await using var server = await ReferenceServer.StartAsync();
        var a = await NewPhoneAsync(env, server, "pa");
        var b = await NewPhoneAsync(env, server, "pb");
        TestVCards.WriteGenerated(a, 20);

        var backup = await a.SyncAsync(SyncMode.Slow, Datastore.Contacts);
        backup.Succeeded.ShouldBeTrue(backup.ToString());
        backup[Datastore.Contacts].Mode.ShouldBe("slow");
        backup[Datastore.Contacts].RemoteAdded.ShouldBe(20, backup.ToString());
        server.ItemFiles(User, "card").Count.ShouldBe(20);

        var restore = await b.SyncAsync(SyncMode.RefreshFromServer, Datastore.Contacts);
        restore.Succeeded.ShouldBeTrue(restore.ToString());
        restore[Datastore.Contacts].LocalAdded.ShouldBe(20, restore.ToString());
        restore[Datastore.Contacts].RemoteAdded.ShouldBe(0);

        PimItemNormalizer.NormalizeFolder(b.FolderOf(Datastore.Contacts), ReferenceRewrites)
            .ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Datastore.Contacts), ReferenceRewrites));
    }

    [Fact]
    public async Task TwoWayEditOnPhoneA_ReachesPhoneB()
    {
        using var env = SyncEvolutionEnvironment.Create("edit");
        await using var server = await ReferenceServer.StartAsync();
        var a = await NewPhoneAsync(env, server, "pa");
        var b = await NewPhoneAsync(env, server, "pb");
        TestVCards.WriteGenerated(a, 5);
        (await a.SyncAsync(SyncMode.Slow, Datastore.Contacts)).Succeeded.ShouldBeTrue();
        (await b.SyncAsync(SyncMode.RefreshFromServer, Datastore.Contacts)).Succeeded.ShouldBeTrue();

        a.EditItem(Datastore.Contacts, TestVCards.FileName(3), card => card.Replace("+49300000003", "+49301234567", StringComparison.Ordinal));
        a.DeleteItem(Datastore.Contacts, TestVCards.FileName(5));
        var send = await a.SyncAsync(SyncMode.TwoWay, Datastore.Contacts);
        send.Succeeded.ShouldBeTrue(send.ToString());
        send[Datastore.Contacts].Mode.ShouldBe("two-way");
        send[Datastore.Contacts].RemoteUpdated.ShouldBe(1, send.ToString());
        send[Datastore.Contacts].RemoteDeleted.ShouldBe(1, send.ToString());

        var receive = await b.SyncAsync(SyncMode.TwoWay, Datastore.Contacts);
        receive.Succeeded.ShouldBeTrue(receive.ToString());
        receive[Datastore.Contacts].LocalUpdated.ShouldBe(1, receive.ToString());
        receive[Datastore.Contacts].LocalDeleted.ShouldBe(1, receive.ToString());
        b.ReadItems(Datastore.Contacts).Values.Count(c => c.Contains("+49301234567", StringComparison.Ordinal)).ShouldBe(1);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Datastore.Contacts), ReferenceRewrites)
            .ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Datastore.Contacts), ReferenceRewrites));
    }

    [Fact]
    public async Task LostReplyToMessage2_ClientResends_ServerAppliesTheItemsOnce()
    {
        using var env = SyncEvolutionEnvironment.Create("lostreply");
        var listenPort = FreePort.Next();
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{listenPort}"), new FaultProxyOptions { DropReplies = new HashSet<int> { 2 } });
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { ListenPort = listenPort, AdvertisedPort = proxy.Port });
        var a = await NewPhoneAsync(env, server, "pa");
        TestVCards.WriteGenerated(a, 20);

        var report = await a.SyncAsync(SyncMode.Slow, Datastore.Contacts);

        report.Succeeded.ShouldBeTrue(report.ToString());
        report[Datastore.Contacts].RemoteAdded.ShouldBe(20, report.ToString());
        server.ItemFiles(User, "card").Count.ShouldBe(20);
        var exchanges = proxy.Exchanges;
        exchanges[1].Fault.ShouldBe(ProxyFault.ReplyDropped);
        exchanges[1].StatusCode.ShouldBe(200);
        // OMA-TS-DS_Protocol-V1_2 §8 / SyncEvolution: the lost message is resent unchanged (same MsgID).
        exchanges.Skip(2).ShouldContain(e => e.RequestText == exchanges[1].RequestText);
    }

    private static async Task<Phone> NewPhoneAsync(SyncEvolutionEnvironment env, ReferenceServer server, string name)
    {
        var phone = await Phone.CreateAsync(env, name, server.SyncUrl, User, Password, Fast);
        await server.AddPeerAsync(phone);
        return phone;
    }
}
