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

    // The client resends when no reply came RetryInterval after it started sending: low enough for a quick
    // recovery, high enough that the reference server (Python + D-Bus) on a loaded machine is not taken for lost.
    private static readonly PhoneOptions QuickRetry = new() { RetryInterval = TimeSpan.FromSeconds(5), RetryDuration = TimeSpan.FromSeconds(40) };

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
        var a = await NewPhoneAsync(env, server, "pa", QuickRetry);
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

    [Fact]
    public async Task EveryModeAfterAFirstSync_SendsTheDocumentedAlertCode_AndSucceeds()
    {
        using var env = SyncEvolutionEnvironment.Create("modes");
        var listenPort = FreePort.Next();
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{listenPort}"));
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { ListenPort = listenPort, AdvertisedPort = proxy.Port });
        var a = await NewPhoneAsync(env, server, "pa");
        TestVCards.WriteGenerated(a, 3);
        (await a.SyncAsync(SyncMode.Slow, Datastore.Contacts)).Succeeded.ShouldBeTrue();

        // Interop README fact 7 (OMA-TS-DS_Protocol-V1_2 §5.3): without enableRefreshSync the from-server
        // modes are sent as 200/201 and carried out by the client itself.
        (SyncMode Mode, string Alert)[] plain =
        [
            (SyncMode.TwoWay, "200"), (SyncMode.Slow, "201"), (SyncMode.OneWayFromClient, "202"),
            (SyncMode.RefreshFromClient, "203"), (SyncMode.OneWayFromServer, "200"), (SyncMode.RefreshFromServer, "201"),
        ];
        foreach (var (mode, alert) in plain)
        {
            await ExpectAlertAsync(a, proxy, mode, alert);
        }

        await a.ConfigureAsync(["enableRefreshSync=1"]);
        await ExpectAlertAsync(a, proxy, SyncMode.OneWayFromServer, "204");
        await ExpectAlertAsync(a, proxy, SyncMode.RefreshFromServer, "205");
        a.CountItems(Datastore.Contacts).ShouldBe(3);
    }

    private static async Task ExpectAlertAsync(Phone phone, FaultProxy proxy, SyncMode mode, string alert)
    {
        var before = proxy.Exchanges.Count;
        var report = await phone.SyncAsync(mode, Datastore.Contacts);
        report.Succeeded.ShouldBeTrue($"{mode}: {report}");
        var first = proxy.Exchanges[before];
        HarnessTests.PhoneTests.AlertCodesOf(first.RequestText).ShouldBe([alert], mode.ToString());
    }

    private static async Task<Phone> NewPhoneAsync(SyncEvolutionEnvironment env, ReferenceServer server, string name, PhoneOptions? options = null)
    {
        var phone = await Phone.CreateAsync(env, name, server.SyncUrl, User, Password, options);
        await server.AddPeerAsync(phone);
        return phone;
    }
}
