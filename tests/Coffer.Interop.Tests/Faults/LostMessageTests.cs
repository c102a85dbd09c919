using Coffer.Interop.Tests.Harness;
using DatastoreKind = Coffer.Storage.DatastoreKind;

namespace Coffer.Interop.Tests.Faults;

/// <summary>
/// Lost requests and lost replies in the middle of multi-message packages, against Coffer with the real client.
/// The client resends a message it got no reply to (interop README fact 6); Coffer answers a resent message
/// (same session token, same MsgID) from its reply cache without applying it twice (OMA-TS-DS_Protocol-V1_2 §6.1).
/// </summary>
[Trait("Category", "Interop")]
public sealed class LostMessageTests
{
    private const int Count = 100;

    // Message 1 carries the Alerts; at 8000 bytes the 100 cards fill messages 2..~7 of the upload, and the
    // download spreads over as many server messages. RetryInterval is counted from the start of sending, so it
    // must exceed Coffer's time per message on a loaded machine, yet every loss costs that long.
    private static readonly PhoneOptions Lossy = new()
    {
        MaxMsgSize = 8000,
        RetryInterval = TimeSpan.FromSeconds(4),
        RetryDuration = TimeSpan.FromSeconds(30),
    };

    public static TheoryData<string, int> Losses => new()
    {
        { "request", 2 },
        { "reply", 2 },
        { "request", 3 },
        { "reply", 3 },
        { "request", 5 },
        { "reply", 5 },
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public async Task SlowSyncUpload_WithOneLostMessage_AppliesEveryCardOnce(string lost, int number)
    {
        using var env = SyncEvolutionEnvironment.Create($"up-{lost}{number}");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        await using var proxy = FaultProxy.Start(server.BaseUri, Faults(lost, number));
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pa", Lossy);
        TestVCards.WriteGenerated(a, Count);

        var report = await a.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(50), Datastore.Contacts);

        ShouldHaveHitTheFault(proxy, lost, number, report);
        report.Succeeded.ShouldBeTrue(report.ToString());
        report[Datastore.Contacts].RemoteAdded.ShouldBe(Count, report.ToString());
        report[Datastore.Contacts].RemoteErrors.ShouldBe(0, report.ToString());
        report[Datastore.Contacts].LocalAdded.ShouldBe(0, report.ToString());
        a.CountItems(Datastore.Contacts).ShouldBe(Count);
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(Count);
        CofferInterop.ShouldHaveNoDuplicateNames(await CofferInterop.ServerCardsAsync(server), "server");
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public async Task RefreshFromServer_WithOneLostMessage_RestoresEveryCardOnce(string lost, int number)
    {
        using var env = SyncEvolutionEnvironment.Create($"down-{lost}{number}");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        var a = await CofferInterop.NewPhoneAsync(env, server.SyncUrl, "pa", Lossy);
        TestVCards.WriteGenerated(a, Count);
        var seed = await a.SyncAsync(SyncMode.Slow, Datastore.Contacts);
        seed.Succeeded.ShouldBeTrue(seed.ToString());

        await using var proxy = FaultProxy.Start(server.BaseUri, Faults(lost, number));
        var b = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pb", Lossy);
        var report = await b.SyncAsync(SyncMode.RefreshFromServer, TimeSpan.FromSeconds(50), Datastore.Contacts);

        ShouldHaveHitTheFault(proxy, lost, number, report);
        report.Succeeded.ShouldBeTrue(report.ToString());
        report[Datastore.Contacts].LocalAdded.ShouldBe(Count, report.ToString());
        report[Datastore.Contacts].LocalErrors.ShouldBe(0, report.ToString());
        report[Datastore.Contacts].RemoteAdded.ShouldBe(0, report.ToString());
        b.CountItems(Datastore.Contacts).ShouldBe(Count);
        CofferInterop.ShouldHaveNoDuplicateNames(b.ReadItems(Datastore.Contacts).Values, "phone B");
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(Count);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Datastore.Contacts), CofferInterop.ClientRewrites)
            .ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Datastore.Contacts), CofferInterop.ClientRewrites));
    }

    private static FaultProxyOptions Faults(string lost, int number) => lost == "request"
        ? new FaultProxyOptions { DropRequests = new HashSet<int> { number } }
        : new FaultProxyOptions { DropReplies = new HashSet<int> { number } };

    /// <summary>The fault really happened inside the session, and the client then sent the same message again.</summary>
    private static void ShouldHaveHitTheFault(FaultProxy proxy, string lost, int number, SyncReport report)
    {
        var exchanges = proxy.Exchanges;
        exchanges.Count.ShouldBeGreaterThan(number, report.ToString());
        var faulted = exchanges[number - 1];
        faulted.Fault.ShouldBe(lost == "request" ? ProxyFault.RequestDropped : ProxyFault.ReplyDropped, report.ToString());
        // OMA-TS-DS_Protocol-V1_2 §6.1: the lost message is resent unchanged (same SessionID and MsgID).
        exchanges[number].RequestText.ShouldBe(faulted.RequestText, "the next request is the resent message");
    }
}
