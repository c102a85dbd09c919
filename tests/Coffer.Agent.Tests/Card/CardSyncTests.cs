using System.Text.Json;
using Coffer.Agent.Runs;
using Coffer.Storage;

namespace Coffer.Agent.Tests.Card;

/// <summary>
/// <c>coffer-agent card sync</c> against the real server (seed 002 over OMA DS): a card moved between two agents goes on
/// syncing incrementally, since its sync objects and change register travel in the file; a card whose sync object
/// does not match the server's anchor (a foreign id, an old copy) is synced in full once, then incrementally again.
/// </summary>
public sealed class CardSyncTests : IAsyncLifetime
{
    private const string Password = "card pw";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_card_moved_to_another_agent_keeps_syncing_incrementally()
    {
        var user = await server.AddUserAsync("erin", Password);
        var phone = new Agent(server.Root, "phone");
        var tablet = new Agent(server.Root, "tablet");
        await phone.InitOkAsync(server.SyncUrl, "erin", Password, "--datastore", "contacts");
        await tablet.InitOkAsync(server.SyncUrl, "erin", Password, "--datastore", "contacts");
        var inPhone = Path.Combine(phone.DataDir, "sim.card");
        Directory.CreateDirectory(phone.DataDir);
        await OkAsync(phone, "card", "new", inPhone);
        await OkAsync(phone, "card", "import", inPhone, CardSamples.Vcf(server.Root, 1, 20));

        // First contact: the card has no sync object for this server, so a full (slow) sync of all 20.
        var first = await SyncAsync(phone, inPhone);
        (first.GetProperty("mode").GetString(), first.GetProperty("sent").GetInt32()).ShouldBe(("slow", 20));
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(20);

        // The server knows the card as a device of its own, with the DevInf it sent at first contact.
        var cardId = (await OkAsync(phone, "card", "list", inPhone)).GetProperty("id").GetString();
        await using (var read = await server.Store.BeginReadAsync())
        {
            var device = await read.Devices.GetAsync(user.Id, "card-" + cardId);
            device.ShouldNotBeNull();
            device.DevInf.ShouldNotBeNull().Length.ShouldBeGreaterThan(0);
        }

        // Another host edits the card with SQL: one modified, one deleted, one added.
        CardSql.Run(inPhone, $"""
            UPDATE items SET vcard = {CardSql.Quote(PimSamples.Contact(3, "moved to Oslo"))} WHERE id = 3;
            DELETE FROM items WHERE id = 7;
            INSERT INTO items (vcard) VALUES ({CardSql.Quote(PimSamples.Contact(21))});
            """);

        // The card moves to the tablet (another configuration, another data folder): only the three changes travel.
        var inTablet = Path.Combine(tablet.DataDir, "sim.card");
        Directory.CreateDirectory(tablet.DataDir);
        File.Move(inPhone, inTablet);
        var moved = await SyncAsync(tablet, inTablet);
        moved.GetProperty("mode").GetString().ShouldBe("two-way");
        (moved.GetProperty("new").GetInt32(), moved.GetProperty("changed").GetInt32(), moved.GetProperty("deleted").GetInt32(), moved.GetProperty("sent").GetInt32()).ShouldBe((1, 1, 1, 3));
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(20);

        // A contact added on the phone's own folder reaches the card through the server, and is not sent back.
        PimSamples.Write(phone.DataDir, "contacts", "new.vcf", PimSamples.Contact(30, "added on the phone"));
        (await phone.RunAsync("sync")).ExitCode.ShouldBe(ExitCodes.Ok);
        var received = await SyncAsync(tablet, inTablet);
        (received.GetProperty("mode").GetString(), received.GetProperty("sent").GetInt32(), received.GetProperty("receivedAdded").GetInt32()).ShouldBe(("two-way", 0, 1));
        (await ListAsync(tablet, inTablet)).ShouldContain("Jürgen Sample030");
        var quiet = await SyncAsync(tablet, inTablet);
        (quiet.GetProperty("sent").GetInt32(), quiet.GetProperty("receivedAdded").GetInt32() + quiet.GetProperty("receivedChanged").GetInt32()).ShouldBe((0, 0));

        // Back in the phone, edited once more: still incremental, one item.
        File.Move(inTablet, inPhone);
        CardSql.Run(inPhone, $"UPDATE items SET vcard = {CardSql.Quote(PimSamples.Contact(1, "back home"))} WHERE id = 1;");
        var back = await SyncAsync(phone, inPhone);
        (back.GetProperty("mode").GetString(), back.GetProperty("sent").GetInt32()).ShouldBe(("two-way", 1));
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(21);

        // The server's contacts are the card's: the phone's folder gets every edit the card made.
        (await phone.RunAsync("sync")).ExitCode.ShouldBe(ExitCodes.Ok);
        var onPhone = PimSamples.Contents(phone.Folder("contacts"));
        onPhone.Count.ShouldBe(21);
        onPhone.ShouldContain(c => c.Contains("moved to Oslo"));
        onPhone.ShouldContain(c => c.Contains("back home"));
        onPhone.ShouldNotContain(c => c.Contains("Sample007"));
    }

    [Fact]
    public async Task A_foreign_sync_object_or_an_old_copy_forces_one_full_sync_then_incremental_again()
    {
        var user = await server.AddUserAsync("frank", Password);
        var phone = new Agent(server.Root, "frank-phone");
        await phone.InitOkAsync(server.SyncUrl, "frank", Password, "--datastore", "contacts");
        var card = Path.Combine(phone.DataDir, "sim.card");
        Directory.CreateDirectory(phone.DataDir);
        await OkAsync(phone, "card", "new", card);
        await OkAsync(phone, "card", "import", card, CardSamples.Vcf(server.Root, 1, 10));
        (await SyncAsync(phone, card)).GetProperty("mode").GetString().ShouldBe("slow");
        var quiet = await SyncAsync(phone, card);
        (quiet.GetProperty("mode").GetString(), quiet.GetProperty("sent").GetInt32()).ShouldBe(("two-way", 0));

        // Another random id in place of the card's sync object for this server: the anchors do not match.
        CardSql.Run(card, "UPDATE sync_objects SET last_id = lower(hex(randomblob(16)));");
        var (full, fullJson) = await phone.RunJsonAsync("card", "sync", card);
        full.ExitCode.ShouldBe(ExitCodes.Ok, full.ToString());
        full.StdErr.ShouldContain("the server asked for slow");
        var slow = fullJson.GetProperty("datastores")[0];
        (slow.GetProperty("mode").GetString(), slow.GetProperty("sent").GetInt32()).ShouldBe(("slow", 10));
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(10);
        var again = await SyncAsync(phone, card);
        (again.GetProperty("mode").GetString(), again.GetProperty("sent").GetInt32()).ShouldBe(("two-way", 0));

        // A copy kept now, then two more contacts synced; the old copy put back holds a sync object the server moved past.
        var copy = card + ".old";
        File.Copy(card, copy);
        CardSql.Run(card, $"INSERT INTO items (vcard) VALUES ({CardSql.Quote(PimSamples.Contact(11))}), ({CardSql.Quote(PimSamples.Contact(12))});");
        (await SyncAsync(phone, card)).GetProperty("sent").GetInt32().ShouldBe(2);
        File.Move(copy, card, overwrite: true);
        var restored = await SyncAsync(phone, card);
        (restored.GetProperty("mode").GetString(), restored.GetProperty("sent").GetInt32(), restored.GetProperty("receivedAdded").GetInt32()).ShouldBe(("slow", 10, 2));
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(12);
        (await ListAsync(phone, card)).Count.ShouldBe(12);
        var settled = await SyncAsync(phone, card);
        (settled.GetProperty("mode").GetString(), settled.GetProperty("sent").GetInt32(), settled.GetProperty("receivedAdded").GetInt32()).ShouldBe(("two-way", 0, 0));
    }

    [Fact]
    public async Task A_card_syncs_for_an_md5_account_whose_nonces_belong_to_the_agents_device()
    {
        var user = await server.AddUserAsync("gwen", Password, md5: true);
        var phone = new Agent(server.Root, "gwen-phone");
        await phone.InitOkAsync(server.SyncUrl, "gwen", Password, "--auth", "md5", "--datastore", "contacts");
        (await phone.RunAsync("sync")).ExitCode.ShouldBe(ExitCodes.Ok);
        var card = Path.Combine(phone.DataDir, "sim.card");
        await OkAsync(phone, "card", "new", card);
        await OkAsync(phone, "card", "import", card, CardSamples.Vcf(server.Root, 1, 3));

        (await SyncAsync(phone, card)).GetProperty("sent").GetInt32().ShouldBe(3);
        CardSql.Run(card, "DELETE FROM items WHERE id = 2;");
        (await SyncAsync(phone, card)).GetProperty("deleted").GetInt32().ShouldBe(1);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(2);

        // The agent's own device goes on with its nonce.
        (await phone.RunAsync("sync")).ExitCode.ShouldBe(ExitCodes.Ok);
    }

    /// <summary>Runs <c>card sync</c> and returns the card's summary.</summary>
    private static async Task<JsonElement> SyncAsync(Agent agent, string card)
    {
        var (result, json) = await agent.RunJsonAsync("card", "sync", card);
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return json.GetProperty("datastores")[0];
    }

    private static async Task<JsonElement> OkAsync(Agent agent, params string[] args)
    {
        var (result, json) = await agent.RunJsonAsync(args);
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return json;
    }

    private static async Task<List<string>> ListAsync(Agent agent, string card) =>
        [.. (await OkAsync(agent, "card", "list", card)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];
}
