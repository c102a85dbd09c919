using Coffer.Interop.Tests.Harness;
using DatastoreKind = Coffer.Storage.DatastoreKind;

namespace Coffer.Interop.Tests.Load;

/// <summary>
/// Volume and size against the Coffer server with the real SyncEvolution client: many items split over many small
/// messages (OMA-TS-DS_Protocol-V1_2 §6.4 multiple messages per package, MaxMsgSize of §5.1) and one item larger
/// than a message (§6.11 Large Object Handling) in both directions.
/// </summary>
[Trait("Category", "Interop")]
public sealed class LargeSyncTests
{
    [Fact]
    public async Task TwoThousandContacts_SlowSyncUpAndRefreshDown_At8000ByteMessages_ArriveExactlyOnce()
    {
        const int Count = 2000;
        using var env = SyncEvolutionEnvironment.Create("load2000");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        var small = new PhoneOptions { MaxMsgSize = 8000 };
        var a = await CofferInterop.NewPhoneAsync(env, server.SyncUrl, "pa", small);
        var b = await CofferInterop.NewPhoneAsync(env, server.SyncUrl, "pb", small);
        TestVCards.WriteGenerated(a, Count);

        var up = await a.SyncAsync(SyncMode.Slow, TimeSpan.FromMinutes(3), Datastore.Contacts);
        up.Succeeded.ShouldBeTrue(up.ToString());
        up[Datastore.Contacts].Mode.ShouldBe("slow");
        up[Datastore.Contacts].RemoteAdded.ShouldBe(Count, up.ToString());
        up[Datastore.Contacts].RemoteErrors.ShouldBe(0, up.ToString());
        up[Datastore.Contacts].LocalAdded.ShouldBe(0, up.ToString());
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(Count);

        var down = await b.SyncAsync(SyncMode.RefreshFromServer, TimeSpan.FromMinutes(3), Datastore.Contacts);
        down.Succeeded.ShouldBeTrue(down.ToString());
        down[Datastore.Contacts].LocalAdded.ShouldBe(Count, down.ToString());
        down[Datastore.Contacts].LocalErrors.ShouldBe(0, down.ToString());
        down[Datastore.Contacts].RemoteAdded.ShouldBe(0, down.ToString());
        b.CountItems(Datastore.Contacts).ShouldBe(Count);
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(Count);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Datastore.Contacts))
            .ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Datastore.Contacts)));
    }
}
