using Coffer.Interop.Tests.Harness;
using DatastoreKind = Coffer.Storage.DatastoreKind;

namespace Coffer.Interop.Tests.Faults;

/// <summary>
/// The Coffer host stopped and started again (same port, same data directory) between two messages of a session.
/// Coffer keeps nothing about a session in memory: the state and the cached reply are committed with each message,
/// so the next message, or the resend of one whose reply was lost in the restart, continues the session.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ServerRestartTests
{
    private const int Count = 100;

    // A restart takes a moment; the held request must not be taken for lost meanwhile (RetryInterval counts from
    // the start of sending), but a lost reply must still be resent within the test's time.
    private static readonly PhoneOptions Patient = new()
    {
        MaxMsgSize = 8000,
        RetryInterval = TimeSpan.FromSeconds(8),
        RetryDuration = TimeSpan.FromSeconds(40),
    };

    [Theory]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(5, false)]
    public async Task SlowSyncUpload_ServerRestartsBeforeMessage_SessionContinues_EveryCardOnce(int restartBefore, bool replyBeforeLost)
    {
        using var env = SyncEvolutionEnvironment.Create($"restart-up{restartBefore}");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        // With replyBeforeLost, the reply to the previous message is lost as well: what the client resends after
        // the restart was applied and acknowledged by the old process only (its cached reply is on disk).
        await using var proxy = FaultProxy.Start(server.BaseUri, new FaultProxyOptions
        {
            DropReplies = replyBeforeLost ? new HashSet<int> { restartBefore - 1 } : new HashSet<int>(),
            BeforeForward = n => n == restartBefore ? server.RestartAsync() : Task.CompletedTask,
        });
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pa", Patient);
        TestVCards.WriteGenerated(a, Count);

        var report = await a.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(55), Datastore.Contacts);

        server.Starts.ShouldBe(2, report.ToString());
        proxy.Exchanges.Count.ShouldBeGreaterThan(restartBefore, "the restart happened inside the session");
        if (replyBeforeLost)
        {
            proxy.Exchanges[restartBefore - 1].RequestText.ShouldBe(proxy.Exchanges[restartBefore - 2].RequestText, "the resent message went to the new process");
        }

        report.Succeeded.ShouldBeTrue(report.ToString());
        report[Datastore.Contacts].RemoteAdded.ShouldBe(Count, report.ToString());
        report[Datastore.Contacts].RemoteErrors.ShouldBe(0, report.ToString());
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(Count);
        CofferInterop.ShouldHaveNoDuplicateNames(await CofferInterop.ServerCardsAsync(server), "server");

        // The anchors the restarted server saved are the ones the client holds: a two-way sync finds nothing to do.
        var again = await a.SyncAsync(SyncMode.TwoWay, Datastore.Contacts);
        again.Succeeded.ShouldBeTrue(again.ToString());
        again[Datastore.Contacts].Mode.ShouldBe("two-way", again.ToString());
        (again[Datastore.Contacts].LocalAdded + again[Datastore.Contacts].RemoteAdded).ShouldBe(0, again.ToString());
    }

    [Fact]
    public async Task RefreshFromServer_ServerRestartsMidPackage_RestoresEveryCardOnce()
    {
        using var env = SyncEvolutionEnvironment.Create("restart-down");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        var a = await CofferInterop.NewPhoneAsync(env, server.SyncUrl, "pa", Patient);
        TestVCards.WriteGenerated(a, Count);
        (await a.SyncAsync(SyncMode.Slow, Datastore.Contacts)).Succeeded.ShouldBeTrue();

        await using var proxy = FaultProxy.Start(server.BaseUri, new FaultProxyOptions
        {
            BeforeForward = n => n == 4 ? server.RestartAsync() : Task.CompletedTask,
        });
        var b = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pb", Patient);
        var report = await b.SyncAsync(SyncMode.RefreshFromServer, TimeSpan.FromSeconds(55), Datastore.Contacts);

        server.Starts.ShouldBe(2, report.ToString());
        proxy.Exchanges.Count.ShouldBeGreaterThan(4, "the restart happened inside the session");
        report.Succeeded.ShouldBeTrue(report.ToString());
        report[Datastore.Contacts].LocalAdded.ShouldBe(Count, report.ToString());
        report[Datastore.Contacts].LocalErrors.ShouldBe(0, report.ToString());
        b.CountItems(Datastore.Contacts).ShouldBe(Count);
        CofferInterop.ShouldHaveNoDuplicateNames(b.ReadItems(Datastore.Contacts).Values, "phone B");
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(Count);
    }
}
