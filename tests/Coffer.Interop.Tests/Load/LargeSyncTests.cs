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
        PimItemNormalizer.NormalizeFolder(b.FolderOf(Datastore.Contacts), CofferInterop.ClientRewrites)
            .ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(Datastore.Contacts), CofferInterop.ClientRewrites));
        CofferInterop.ShouldHaveNoDuplicateNames(await CofferInterop.ServerCardsAsync(server), "server");
    }

    [Fact]
    public async Task ContactWith500KbPhoto_At20000ByteMessages_TravelsAsLargeObjectBothWays_PhotoBytesEqual()
    {
        const int PhotoSize = 500_000;
        using var env = SyncEvolutionEnvironment.Create("photo");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        await using var proxy = FaultProxy.Start(server.BaseUri, new FaultProxyOptions { RecordDirectory = env.CreateDirectory("wire") });
        var small = new PhoneOptions { MaxMsgSize = 20_000 };
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pa", small);
        var b = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pb", small);
        a.WriteItem(Datastore.Contacts, "photo.vcf", TestVCards.WithPhoto(PhotoSize, seed: 7));
        TestVCards.WriteGenerated(a, 3);

        var up = await a.SyncAsync(SyncMode.Slow, Datastore.Contacts);
        up.Succeeded.ShouldBeTrue(up.ToString());
        up[Datastore.Contacts].RemoteAdded.ShouldBe(4, up.ToString());
        up[Datastore.Contacts].RemoteErrors.ShouldBe(0, up.ToString());
        var upExchanges = proxy.Exchanges.Count;
        // OMA-TS-DS_Protocol-V1_2 §6.11: an item larger than the message goes in chunks marked MoreData. The
        // client sizes its own messages by the server's MaxMsgSize, so only "several chunks" is certain here.
        proxy.Exchanges.Count(e => e.RequestText.Contains("<MoreData", StringComparison.Ordinal)).ShouldBeGreaterThan(1);
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(4);
        var stored = (await CofferInterop.ServerCardsAsync(server)).Single(c => c.Contains("FN:Pia Photo7", StringComparison.Ordinal));
        PhotoOf(stored).ShouldBe(TestVCards.PhotoBytes(PhotoSize, 7), "the server's copy");

        var down = await b.SyncAsync(SyncMode.RefreshFromServer, Datastore.Contacts);
        down.Succeeded.ShouldBeTrue(down.ToString());
        down[Datastore.Contacts].LocalAdded.ShouldBe(4, down.ToString());
        down[Datastore.Contacts].LocalErrors.ShouldBe(0, down.ToString());
        // The server must keep every message within the client's MaxMsgSize (§5.1 Meta MaxMsgSize), so the
        // base64 photo (4/3 of its size) needs at least that many chunks.
        var downExchanges = proxy.Exchanges.Skip(upExchanges).ToList();
        downExchanges.ShouldAllBe(e => e.ResponseBody!.Length <= 20_000);
        downExchanges.Count(e => e.ResponseText!.Contains("<MoreData", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(PhotoSize * 4 / 3 / 20_000);
        b.CountItems(Datastore.Contacts).ShouldBe(4);
        var received = b.ReadItems(Datastore.Contacts).Values.Single(c => c.Contains("FN:Pia Photo7", StringComparison.Ordinal));
        PhotoOf(received).ShouldBe(TestVCards.PhotoBytes(PhotoSize, 7), "phone B's copy");
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(4);
    }

    [Fact]
    public async Task PhotoCardStoredWithCrlfLineEnds_DownloadsAsLargeObject_AnnouncedSizeMatchesWhatArrives()
    {
        const int PhotoSize = 300_000;
        using var env = SyncEvolutionEnvironment.Create("photo-crlf");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        // A client that keeps the vCard's CRLF line ends (RFC 6350 §3.2) on the wire writes CR as &#13;, so the
        // server stores CRLF. Sent back in chunks, the first one announces the size (OMA-TS-DS_Protocol-V1_2 §6.10):
        // a raw CR in the XML would reach the phone as LF only, short of that size by one byte per line (424).
        using (var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }))
        {
            var init = HandMadeSyncML.Message("1", 1, server.SyncUrl, HandMadeSyncML.Alert(1, 201, "card", "./contacts"), CofferInterop.User + ":" + CofferInterop.Password);
            var (_, initReply, _) = await HandMadeSyncML.PostAsync(http, server.SyncUrl, init);
            var respUri = System.Net.WebUtility.HtmlDecode(initReply[(initReply.IndexOf("<RespURI>", StringComparison.Ordinal) + 9)..initReply.IndexOf("</RespURI>", StringComparison.Ordinal)]);
            var sync = "<Sync><CmdID>2</CmdID><Target><LocURI>card</LocURI></Target><Source><LocURI>./contacts</LocURI></Source>" +
                       HandMadeSyncML.Add(3, "photo", TestVCards.WithPhoto(PhotoSize, seed: 11)) + "</Sync>";
            var (status, reply, _) = await HandMadeSyncML.PostAsync(http, respUri, HandMadeSyncML.Message("1", 2, respUri, sync, credentials: null));
            status.ShouldBe(200, reply);
            SyncMLText.StatusCodes(reply, "Add").ShouldBe(["201"], reply);
        }

        var stored = (await CofferInterop.ServerCardsAsync(server)).Single();
        stored.ShouldContain("\r\n", customMessage: "the server keeps the CRLF it received");
        var b = await CofferInterop.NewPhoneAsync(env, server.SyncUrl, "pb", new PhoneOptions { MaxMsgSize = 20_000 });
        var down = await b.SyncAsync(SyncMode.RefreshFromServer, Datastore.Contacts);

        down.Succeeded.ShouldBeTrue(down.ToString());
        down[Datastore.Contacts].LocalAdded.ShouldBe(1, down.ToString());
        down[Datastore.Contacts].LocalErrors.ShouldBe(0, down.ToString());
        PhotoOf(b.ReadItems(Datastore.Contacts).Values.Single()).ShouldBe(TestVCards.PhotoBytes(PhotoSize, 11));
    }

    /// <summary>The decoded PHOTO of a vCard (unfolded, RFC 2425 §5.8.1; base64, RFC 2426 §3.1.4).</summary>
    private static byte[] PhotoOf(string card)
    {
        var unfolded = card.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n ", string.Empty, StringComparison.Ordinal).Replace("\n\t", string.Empty, StringComparison.Ordinal);
        var line = unfolded.Split('\n').Single(l => l.StartsWith("PHOTO", StringComparison.OrdinalIgnoreCase));
        return Convert.FromBase64String(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
    }
}
