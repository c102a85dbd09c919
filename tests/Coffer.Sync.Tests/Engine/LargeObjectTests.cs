using System.Text;
using Coffer.Storage;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine;

/// <summary>
/// Large objects (OMA-TS-DS_Protocol-V1_2 §6.10): an item bigger than a message travels in chunks, MoreData on all
/// but the last, the total Size in the first chunk's Meta. Incoming chunks are acknowledged with 213, the last one
/// with the item's own status, or 424 when the assembled size differs from the announced one. Outgoing chunks are
/// used only for a device whose DevInf says SupportLargeObjs.
/// </summary>
public sealed class LargeObjectTests
{
    [Fact]
    public async Task Incoming_chunks_get_213_each_and_the_item_is_stored_whole_even_across_a_restart()
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var card = Cards.Card("Huge", 9000);
        var pieces = new[] { card[..4000], card[4000..8000], card[8000..] };
        var size = Encoding.UTF8.GetByteCount(card);

        var first = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.AddChunk("big", pieces[0], moreData: true, size)));
        await host.RestartAsync();
        var second = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.AddChunk("big", pieces[1], moreData: true, null)));
        var last = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.AddChunk("big", pieces[2], moreData: false, null)).Final());

        ChunkStatus(first).ShouldBe(StatusCode.ChunkedItemAccepted);
        ChunkStatus(second).ShouldBe(StatusCode.ChunkedItemAccepted);
        ChunkStatus(last).ShouldBe(StatusCode.ItemAdded);
        first.Reply.Body.Final.ShouldBeFalse();
        second.Reply.Body.Final.ShouldBeFalse();
        last.Reply.Body.Final.ShouldBeTrue();
        (await host.ListAsync("alice", DatastoreKind.Contacts)).Select(i => i.Text)
            .ShouldMeanTheSameCardsAs([Cards.Card("One"), Cards.Card("Two"), card]);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task Incoming_chunks_whose_total_differs_from_the_announced_Size_get_424_and_nothing_is_stored(int wrongBy)
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var before = await host.ListAsync("alice", DatastoreKind.Contacts);
        var card = Cards.Card("Huge", 6000);
        var announced = Encoding.UTF8.GetByteCount(card) + wrongBy;

        var first = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.AddChunk("big", card[..3000], moreData: true, announced)));
        var last = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.AddChunk("big", card[3000..], moreData: false, null).Add("small", Cards.Card("Small"))).Final());

        ChunkStatus(first).ShouldBe(StatusCode.ChunkedItemAccepted);
        ChunkStatus(last).ShouldBe(StatusCode.SizeMismatch);
        var stored = await host.ListAsync("alice", DatastoreKind.Contacts);
        stored.Count.ShouldBe(before.Count + 1);
        stored.ShouldNotContain(i => i.Text.Contains("Huge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task First_chunk_without_Size_gets_411()
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");

        var first = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.AddChunk("big", "BEGIN:VCARD\n", moreData: true, null)));

        // §6.10: the first chunk must announce the object's size; 411 "Size required".
        ChunkStatus(first).ShouldBe(StatusCode.SizeRequired);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Outgoing_large_object_is_chunked_with_MoreData_and_Size_for_a_device_that_supports_it(bool devInfInThisSession, bool wbxml)
    {
        const int maxMsgSize = 4000;
        await using var host = new EngineHost();
        await host.CreateUserAsync("alice", "pw");
        var client = new DeviceClient(host, "alice", "pw") { Wbxml = wbxml };
        if (!devInfInThisSession)
        {
            // Most devices send their DevInf once (Horde's Synthesis recording: first session only); the server must
            // remember SupportLargeObjs from the stored DevInf in later sessions.
            await client.InitAsync(AlertCode.SlowSync, null, "a1", DeviceClient.DevInf(largeObjects: true));
            await client.SendAsync(client.Message().Sync("card", "./contacts", _ => { }).Final());
            await client.PullUntilFinalAsync();
            await client.MapAndFinishAsync();
            client.NewSession();
        }

        var card = Cards.Card("Huge", 11000);
        await host.AddServerItemsAsync("alice", DatastoreKind.Contacts, "text/x-vcard", [card]);
        await client.InitAsync(
            devInfInThisSession ? AlertCode.SlowSync : AlertCode.TwoWay,
            devInfInThisSession ? null : "a1",
            "a2",
            devInfInThisSession ? DeviceClient.DevInf(largeObjects: true) : null,
            maxMsgSize);
        await client.SendAsync(client.Message().Sync("card", "./contacts", _ => { }).Final());
        await client.PullUntilFinalAsync();
        await client.MapAndFinishAsync();

        var chunks = client.Received.OfType<AddCommand>().SelectMany(a => a.Items).ToList();
        chunks.Count.ShouldBeGreaterThan(2);
        chunks.Take(chunks.Count - 1).ShouldAllBe(i => i.MoreData);
        chunks[^1].MoreData.ShouldBeFalse();
        // The server sends its rendering of the stored copy (vCard 3.0 stored, rendered for the device), not the bytes it
        // was given: the announced Size is that of the reassembled object (§6.10), which must mean the same card.
        var whole = string.Concat(chunks.Select(c => c.Data!.Text));
        chunks[0].Meta.ShouldNotBeNull().Size.ShouldBe(Encoding.UTF8.GetByteCount(whole));
        whole.ShouldMeanTheSameCardAs(card);
        chunks.Select(c => c.Source?.LocURI).Distinct().Count().ShouldBe(1, "every chunk names the same item");
        foreach (var exchange in client.Exchanges)
        {
            exchange.Response.Body.Length.ShouldBeLessThanOrEqualTo(maxMsgSize);
        }

        // Final only once the last chunk is out.
        var withChunks = client.Exchanges.Where(e => e.ServerSync?.Commands.Count > 0).ToList();
        withChunks.Take(withChunks.Count - 1).ShouldAllBe(e => !e.Reply.Body.Final);
    }

    private static int ChunkStatus(Exchange exchange)
    {
        var add = exchange.Request.Body.Commands.OfType<SyncCommand>().Single().Commands[0];
        return exchange.CodeFor(add.CmdID!);
    }
}
