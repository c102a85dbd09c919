using Coffer.Storage;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine;

/// <summary>
/// Packages over several messages (OMA-TS-DS_Protocol-V1_2 §6.4 "Multiple Messages in Package"): the client's package
/// without Final until its last message, and the server's package 4 split to respect the client's MaxMsgSize
/// (OMA-TS-SyncML_MetaInfo-V1_2 MaxMsgSize), with Final only on its last message.
/// </summary>
public sealed class MultiMessageTests
{
    [Fact]
    public async Task Client_package_over_several_messages_gets_statuses_then_the_server_package_after_Final()
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        await host.AddServerItemsAsync("alice", DatastoreKind.Contacts, "text/x-vcard", [Cards.Card("FromWeb")]);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");

        // Message 1 of package 3 carries only the statuses for package 2: nothing to answer but the SyncHdr, so the
        // server asks for the next message with Alert 222 (§6.4) and must not end or start its own package.
        var statusesOnly = await client.SendAsync(client.Message());
        statusesOnly.Reply.Body.Final.ShouldBeFalse();
        statusesOnly.ServerSync.ShouldBeNull();
        statusesOnly.Reply.Body.Commands.OfType<AlertCommand>().Single().Code.ShouldBe(AlertCode.NextMessage);
        statusesOnly.Statuses.Single().CmdRef.ShouldBe("0");

        var part1 = await client.SendAsync(client.Message(acknowledge: false).Sync("card", "./contacts", s => s.Add("3", Cards.Card("Three")).Add("4", Cards.Card("Four"))));
        part1.Reply.Body.Final.ShouldBeFalse();
        part1.ServerSync.ShouldBeNull("the server's changes follow the client's complete package 3");
        var sync1 = part1.Request.Body.Commands.OfType<SyncCommand>().Single();
        part1.CodeFor(sync1.CmdID!).ShouldBe(StatusCode.Ok);
        sync1.Commands.ShouldAllBe(c => part1.CodeFor(c.CmdID!) == StatusCode.ItemAdded);

        var part2 = await client.SendAsync(client.Message(acknowledge: false).Sync("card", "./contacts", s => s.Replace("2", Cards.Card("Two v2"))).Final());
        var sync2 = part2.Request.Body.Commands.OfType<SyncCommand>().Single();
        part2.CodeFor(sync2.Commands[0].CmdID!).ShouldBe(StatusCode.Ok);
        part2.Reply.Body.Final.ShouldBeTrue();
        part2.ServerSync.ShouldNotBeNull().Commands.OfType<AddCommand>().Single().Items.Single().Data!.Text!.ShouldMeanTheSameCardAs(Cards.Card("FromWeb"));

        (await client.MapAndFinishAsync()).Reply.Body.Final.ShouldBeTrue();
        (await host.ListAsync("alice", DatastoreKind.Contacts)).Select(i => i.Text)
            .ShouldMeanTheSameCardsAs([Cards.Card("One"), Cards.Card("Two v2"), Cards.Card("Three"), Cards.Card("Four"), Cards.Card("FromWeb")]);
    }

    [Theory]
    [InlineData(false, 3000)]
    [InlineData(true, 2500)]
    public async Task Server_package_is_split_to_respect_a_small_MaxMsgSize_with_Final_only_on_the_last(bool wbxml, int maxMsgSize)
    {
        await using var host = new EngineHost();
        await host.CreateUserAsync("alice", "pw");
        var ids = await host.AddServerItemsAsync("alice", DatastoreKind.Contacts, "text/x-vcard", Enumerable.Range(0, 40).Select(i => Cards.Card("Web" + i, 150)));
        var client = new DeviceClient(host, "alice", "pw") { Wbxml = wbxml };

        var init = await client.InitAsync(AlertCode.SlowSync, null, "a1", maxMsgSize: maxMsgSize);
        var changes = await client.SendAsync(client.Message().Sync("card", "./contacts", _ => { }).Final());
        var rest = await client.PullUntilFinalAsync();
        var end = await client.MapAndFinishAsync();

        var replies = new[] { changes }.Concat(rest).ToList();
        replies.Count.ShouldBeGreaterThan(3, "40 items of ~250 bytes cannot fit in a few messages of " + maxMsgSize);
        foreach (var reply in client.Exchanges)
        {
            reply.Response.Body.Length.ShouldBeLessThanOrEqualTo(maxMsgSize, $"reply {reply.Reply.Header.MsgID}");
        }

        replies.Take(replies.Count - 1).ShouldAllBe(r => !r.Reply.Body.Final);
        replies[^1].Reply.Body.Final.ShouldBeTrue();
        replies.Take(replies.Count - 1).ShouldAllBe(r => r.ServerSync != null && r.ServerSync.Commands.Count > 0);

        // Every item exactly once, and the count announced up front (NumberOfChanges, RepPro Sync element).
        var sent = client.Received.OfType<AddCommand>().SelectMany(a => a.Items).Select(i => i.Source!.LocURI!).ToList();
        sent.ShouldBe(ids, ignoreOrder: true);
        changes.ServerSync!.NumberOfChanges.ShouldBe(40);
        end.Reply.Body.Final.ShouldBeTrue();
        init.CodeFor("0").ShouldBe(StatusCode.AuthenticationAccepted);
    }
}
