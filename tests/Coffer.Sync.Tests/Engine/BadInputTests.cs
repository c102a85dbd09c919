using System.Text;
using Coffer.Storage;
using Coffer.Sync.Engine;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine;

/// <summary>
/// Bad input at three levels: a body that is not SyncML (HTTP 400 with the reason: there is no message to answer in
/// SyncML), a well-formed message with malformed commands (SyncML error statuses, OMA-TS-SyncML_RepPro-V1_2 §10),
/// and a bad item among good ones (its own error status, the others applied). Stored data never changes for them.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string> UnparseableBodies() => new()
    {
        { "not XML at all", "hello, this is not SyncML", SyncEngine.XmlContentType },
        { "truncated XML", "<SyncML><SyncHdr><VerDTD>1.2</VerDTD>", SyncEngine.XmlContentType },
        { "another root element", "<html><body>hi</body></html>", SyncEngine.XmlContentType },
        { "SyncML without SyncBody", "<SyncML><SyncHdr><VerDTD>1.2</VerDTD><MsgID>1</MsgID></SyncHdr></SyncML>", SyncEngine.XmlContentType },
        { "SyncML without SyncHdr", "<SyncML><SyncBody><Final/></SyncBody></SyncML>", SyncEngine.XmlContentType },

        // WBXML 1.2, public id 1 ("unknown", read by its root token), UTF-8: <SyncML><SyncBody><Final/></SyncBody></SyncML>.
        { "WBXML SyncML without SyncHdr", "\u0002\u0001\u006A\u0000\u006D\u006B\u0012\u0001\u0001", SyncEngine.WbxmlContentType },
        { "internal DTD subset (entity expansion)", "<?xml version=\"1.0\"?><!DOCTYPE SyncML [<!ENTITY a \"aaaa\">]><SyncML>&a;</SyncML>", SyncEngine.XmlContentType },
        { "XML sent as WBXML", "<SyncML/>", SyncEngine.WbxmlContentType },
        { "not a SyncML content type", "<SyncML/>", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(UnparseableBodies))]
    public async Task Unparseable_body_gets_http_400_with_a_reason_and_changes_nothing(string what, string body, string contentType)
    {
        await using var host = new EngineHost();
        var (client, _) = await SeededAsync(host);
        var before = await host.ListAsync("alice", DatastoreKind.Contacts);
        var sequence = await host.SequenceAsync("alice");

        // Inside a live session too: the token must not let garbage touch the session or the data.
        var response = await host.PostAsync(Encoding.UTF8.GetBytes(body), client.Token, contentType);

        response.HttpStatus.ShouldBe(400, what);
        response.ContentType.ShouldStartWith("text/plain");
        var reason = Encoding.UTF8.GetString(response.Body);
        reason.Trim().Length.ShouldBeGreaterThan(10, "the 400 must say why: " + reason);
        (await host.ListAsync("alice", DatastoreKind.Contacts)).ShouldBe(before);
        (await host.SequenceAsync("alice")).ShouldBe(sequence);
    }

    [Fact]
    public async Task Alert_without_Data_is_a_malformed_command_400()
    {
        await using var host = new EngineHost();
        await host.CreateUserAsync("alice", "pw");
        var client = new DeviceClient(host, "alice", "pw");
        var alert = new AlertCommand();
        alert.Items.Add(new Item { Target = new SyncLocation("card"), Source = new SyncLocation("./contacts") });

        var init = await client.SendAsync(client.Message().Command(alert).Final());

        init.CodeFor("0").ShouldBe(StatusCode.AuthenticationAccepted);

        // RepPro §10: 400 = "malformed syntax in the command"; 406 would claim
        // a valid but unsupported optional feature, which an Alert without its code is not.
        init.StatusFor(alert.CmdID!).ShouldSatisfyAllConditions(
            s => s.Cmd.ShouldBe("Alert"),
            s => s.Code.ShouldBe(StatusCode.BadRequest));
    }

    [Fact]
    public async Task Sync_for_a_datastore_that_was_not_alerted_or_does_not_exist_gets_404_for_it_and_its_commands()
    {
        await using var host = new EngineHost();
        var (client, _) = await SeededAsync(host);
        var before = await host.ListAsync("alice", DatastoreKind.Contacts);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");

        var m = client.Message()
            .Sync("nosuchstore", "./whatever", s => s.Add("x1", Cards.Card("Lost")))
            .Sync("cal", "./calendar", s => s.Add("x2", Cards.Card("NotAlerted"), "text/x-vcalendar").Delete("1"))
            .Final();
        var sync = m.Build().Body.Commands.OfType<SyncCommand>().ToList();
        var exchange = await client.SendAsync(m);

        foreach (var s in sync)
        {
            exchange.CodeFor(s.CmdID!).ShouldBe(StatusCode.NotFound);
            foreach (var nested in s.Commands)
            {
                exchange.CodeFor(nested.CmdID!).ShouldBe(StatusCode.NotFound);
            }
        }

        (await host.ListAsync("alice", DatastoreKind.Contacts)).ShouldBe(before);
        (await host.CountLiveAsync("alice", DatastoreKind.Events)).ShouldBe(0);
    }

    [Fact]
    public async Task Item_commands_without_an_Item_get_400_and_the_rest_is_applied()
    {
        await using var host = new EngineHost();
        var (client, luids) = await SeededAsync(host);
        client.NewSession();
        (await client.InitAsync(AlertCode.TwoWay, "c1", "c2")).CodeFor("1").ShouldBe(StatusCode.Ok);
        var emptyAdd = new AddCommand { Meta = new MetInf { Type = "text/x-vcard" } };
        var emptyReplace = new ReplaceCommand();
        var emptyDelete = new DeleteCommand();

        var exchange = await client.SendAsync(client.Message()
            .Sync("card", "./contacts", s => s.Command(emptyAdd).Add("new", Cards.Card("Fresh")).Command(emptyReplace).Command(emptyDelete).Delete(luids[0]))
            .Final());

        // The RepPro DTD makes Item mandatory (Add/Replace/Delete: Item+): malformed, 400 — never silence (every command gets a Status).
        exchange.CodeFor(emptyAdd.CmdID!).ShouldBe(StatusCode.BadRequest);
        exchange.CodeFor(emptyReplace.CmdID!).ShouldBe(StatusCode.BadRequest);
        exchange.CodeFor(emptyDelete.CmdID!).ShouldBe(StatusCode.BadRequest);
        var stored = await host.ListAsync("alice", DatastoreKind.Contacts);
        stored.Select(i => i.Text).ShouldMeanTheSameCardsAs([Cards.Card("Two"), Cards.Card("Fresh")]);
    }

    [Fact]
    public async Task A_bad_item_among_good_ones_gets_its_own_error_status_and_the_others_are_applied()
    {
        await using var host = new EngineHost();
        var (client, luids) = await SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");

        var badBase64 = new AddCommand { Meta = new MetInf { Type = "text/x-vcard" } };
        badBase64.Items.Add(new Item { Source = new SyncLocation("b64"), Meta = new MetInf { Format = "b64" }, Data = ItemData.FromText("!!! not base64 !!!") });
        var noData = new AddCommand { Meta = new MetInf { Type = "text/x-vcard" } };
        noData.Items.Add(new Item { Source = new SyncLocation("nodata") });
        var mixed = new AddCommand { Meta = new MetInf { Type = "text/x-vcard" } };
        mixed.Items.Add(new Item { Source = new SyncLocation("g1"), Data = ItemData.FromText(Cards.Card("Good1")) });
        mixed.Items.Add(new Item { Source = new SyncLocation("empty") });
        mixed.Items.Add(new Item { Source = new SyncLocation("g2"), Data = ItemData.FromText(Cards.Card("Good2")) });

        var exchange = await client.SendAsync(client.Message()
            .Sync("card", "./contacts", s => s.Command(badBase64).Command(noData).Command(mixed).Replace(luids[1], Cards.Card("Two changed")))
            .Final());

        exchange.CodeFor(badBase64.CmdID!).ShouldBe(StatusCode.UnsupportedMediaType);
        exchange.CodeFor(noData.CmdID!).ShouldBe(StatusCode.BadRequest);
        var perItem = exchange.StatusesFor(mixed.CmdID!);
        perItem.Count.ShouldBe(3);
        perItem.Single(s => s.SourceRefs.Contains("g1")).Code.ShouldBe(StatusCode.ItemAdded);
        perItem.Single(s => s.SourceRefs.Contains("empty")).Code.ShouldBe(StatusCode.BadRequest);
        perItem.Single(s => s.SourceRefs.Contains("g2")).Code.ShouldBe(StatusCode.ItemAdded);
        var stored = await host.ListAsync("alice", DatastoreKind.Contacts);
        stored.Select(i => i.Text).ShouldMeanTheSameCardsAs([Cards.Card("One"), Cards.Card("Two changed"), Cards.Card("Good1"), Cards.Card("Good2")]);
    }

    [Fact]
    public async Task Item_over_MaxObjSize_gets_413_and_is_not_stored()
    {
        await using var host = new EngineHost(new SyncServerOptions { MaxObjSize = 2000 });
        var (client, _) = await SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var before = await host.ListAsync("alice", DatastoreKind.Contacts);

        var m = client.Message().Sync("card", "./contacts", s => s.Add("big", Cards.Card("Big", 5000)).Add("small", Cards.Card("Small"))).Final();
        var adds = m.Build().Body.Commands.OfType<SyncCommand>().Single().Commands;
        var exchange = await client.SendAsync(m);

        exchange.CodeFor(adds[0].CmdID!).ShouldBe(StatusCode.RequestEntityTooLarge);
        exchange.CodeFor(adds[1].CmdID!).ShouldBe(StatusCode.ItemAdded);
        (await host.ListAsync("alice", DatastoreKind.Contacts)).Count.ShouldBe(before.Count + 1);
    }

    /// <summary>A finished first session (slow sync) storing cards "One" and "Two" under LUIDs "1" and "2"; anchor "c1".</summary>
    internal static async Task<(DeviceClient Client, string[] Luids)> SeededAsync(EngineHost host)
    {
        await host.CreateUserAsync("alice", "pw");
        var client = new DeviceClient(host, "alice", "pw");
        await client.InitAsync(AlertCode.SlowSync, null, "c1");
        await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.Add("1", Cards.Card("One")).Add("2", Cards.Card("Two"))).Final());
        await client.PullUntilFinalAsync();
        var end = await client.MapAndFinishAsync();
        end.Reply.Body.Final.ShouldBeTrue();
        (await host.CountLiveAsync("alice", DatastoreKind.Contacts)).ShouldBe(2);
        return (client, ["1", "2"]);
    }
}
