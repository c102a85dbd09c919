using Coffer.Agent.Runs;
using Coffer.Storage;
using Coffer.Sync.Recovery;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests;

/// <summary>
/// Two-way <c>coffer-agent sync</c> between two devices of one account, and the slow sync the server asks for (508)
/// after a recovery from the storage area, all against the real server.
/// </summary>
public sealed class SyncTests : IAsyncLifetime
{
    private const string Password = "sync pw";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_change_made_on_another_device_arrives_with_the_next_two_way_sync()
    {
        await server.AddUserAsync("carol", Password);
        var laptop = new Agent(server.Root, "laptop");
        var phone = new Agent(server.Root, "phone");
        await laptop.InitOkAsync(server.SyncUrl, "carol", Password);
        await phone.InitOkAsync(server.SyncUrl, "carol", Password);
        PimSamples.Fill(laptop.DataDir, 3, largeNoteBytes: 0);

        (await laptop.RunAsync("sync")).ExitCode.ShouldBe(ExitCodes.Ok);
        var first = await phone.RunJsonAsync("sync");
        first.Result.ExitCode.ShouldBe(ExitCodes.Ok, first.Result.ToString());
        PimSamples.Hashes(phone.Folder("contacts")).ShouldBe(PimSamples.Hashes(laptop.Folder("contacts")));

        // The laptop edits a contact, deletes an event and adds a note; the phone gets exactly that.
        PimSamples.Write(laptop.DataDir, "contacts", "contact2.vcf", PimSamples.Contact(2, "moved to Hamburg"));
        File.Delete(Path.Combine(laptop.Folder("calendar"), "event1.ics"));
        PimSamples.Write(laptop.DataDir, "notes", "new.txt", "Added on the laptop\nbuy stamps\n");
        var (sent, sentJson) = await laptop.RunJsonAsync("sync");
        sent.ExitCode.ShouldBe(ExitCodes.Ok, sent.ToString());
        var byStore = sentJson.GetProperty("datastores").EnumerateArray().ToDictionary(d => d.GetProperty("datastore").GetString()!);
        byStore["contacts"].GetProperty("mode").GetString().ShouldBe("two-way");
        (byStore["contacts"].GetProperty("changed").GetInt32(), byStore["contacts"].GetProperty("unchanged").GetInt32()).ShouldBe((1, 2));
        byStore["calendar"].GetProperty("deleted").GetInt32().ShouldBe(1);
        byStore["notes"].GetProperty("new").GetInt32().ShouldBe(1);

        var (received, receivedJson) = await phone.RunJsonAsync("sync");
        received.ExitCode.ShouldBe(ExitCodes.Ok, received.ToString());
        var onPhone = receivedJson.GetProperty("datastores").EnumerateArray().ToDictionary(d => d.GetProperty("datastore").GetString()!);
        onPhone["contacts"].GetProperty("receivedChanged").GetInt32().ShouldBe(1);
        onPhone["calendar"].GetProperty("receivedDeleted").GetInt32().ShouldBe(1);
        onPhone["notes"].GetProperty("receivedAdded").GetInt32().ShouldBe(1);
        foreach (var datastore in new[] { "contacts", "calendar", "tasks", "notes" })
        {
            PimSamples.Hashes(phone.Folder(datastore)).ShouldBe(PimSamples.Hashes(laptop.Folder(datastore)), datastore);
        }

        PimSamples.Contents(phone.Folder("contacts")).ShouldContain(c => c.Contains("moved to Hamburg"));

        // What the phone received is not a local change: its next sync sends nothing.
        var (quiet, quietJson) = await phone.RunJsonAsync("sync");
        quiet.ExitCode.ShouldBe(ExitCodes.Ok, quiet.ToString());
        quietJson.GetProperty("datastores").EnumerateArray().Sum(d => d.GetProperty("sent").GetInt32()).ShouldBe(0, quiet.ToString());
    }

    [Fact]
    public async Task After_a_recovery_the_server_answers_508_and_the_agent_slow_syncs_without_duplicates()
    {
        var user = await server.AddUserAsync("dave", Password);
        var phone = new Agent(server.Root, "dave-phone");
        await phone.InitOkAsync(server.SyncUrl, "dave", Password, "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 4, largeNoteBytes: 0);
        (await phone.RunAsync("backup")).ExitCode.ShouldBe(ExitCodes.Ok);
        var saved = PimSamples.Hashes(phone.Folder("contacts"));

        // The first sync saved the storage area (seed 000 §5.3); then the phone adds a contact and edits one.
        var area = server.App.Services.GetRequiredService<StorageArea>();
        var generation = (await area.ListAsync(user.Id, DatastoreKind.Contacts)).ShouldHaveSingleItem();
        PimSamples.Write(phone.DataDir, "contacts", "contact5.vcf", PimSamples.Contact(5));
        PimSamples.Write(phone.DataDir, "contacts", "contact1.vcf", PimSamples.Contact(1, "edited after the save"));
        (await phone.RunAsync("sync")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(5);

        await area.RecoverAsync(user.Id, DatastoreKind.Contacts, generation.Id);

        var (slow, json) = await phone.RunJsonAsync("sync");
        slow.ExitCode.ShouldBe(ExitCodes.Ok, slow.ToString());
        slow.StdErr.ShouldContain("the server asked for slow");
        var contacts = json.GetProperty("datastores")[0];
        contacts.GetProperty("mode").GetString().ShouldBe("slow");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(4);
        PimSamples.Hashes(phone.Folder("contacts")).ShouldBe(saved);

        // Settled: two-way again, nothing moves.
        var (after, afterJson) = await phone.RunJsonAsync("sync");
        after.ExitCode.ShouldBe(ExitCodes.Ok, after.ToString());
        var d = afterJson.GetProperty("datastores")[0];
        d.GetProperty("mode").GetString().ShouldBe("two-way");
        (d.GetProperty("sent").GetInt32(), d.GetProperty("receivedAdded").GetInt32() + d.GetProperty("receivedChanged").GetInt32() + d.GetProperty("receivedDeleted").GetInt32()).ShouldBe((0, 0));
        PimSamples.Hashes(phone.Folder("contacts")).ShouldBe(saved);
    }
}
