using Coffer.Agent.Runs;
using Coffer.Storage;

namespace Coffer.Agent.Tests.Consent;

/// <summary>
/// Consent before a costly transfer (seed 004): on a roaming or metered connection nothing reaches the server until
/// the run is accepted; a deferred run is done by the next unmetered one; a rejected one is forgotten.
/// </summary>
public sealed class ConsentTests : IAsyncLifetime
{
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_roaming_run_with_policy_ask_transfers_nothing_until_accepted()
    {
        var user = await server.AddUserAsync("paul", "pw");
        var phone = new Agent(server.Root, "paul");
        await phone.InitOkAsync(server.SyncUrl, "paul", "pw", "--datastore", "contacts", "--on-metered", "ask");
        PimSamples.Fill(phone.DataDir, 3, largeNoteBytes: 0);

        // No terminal to ask on: the run is deferred, with the estimate, and the server holds nothing.
        var (asked, json) = await phone.RunJsonAsync("backup", "--connection", "roaming");
        asked.ExitCode.ShouldBe(ExitCodes.Deferred, asked.ToString());
        json.GetProperty("estimate").GetProperty("itemsToSend").GetInt32().ShouldBe(3);
        json.GetProperty("estimate").GetProperty("bytesToSend").GetInt64().ShouldBeGreaterThan(3 * 150);
        json.GetProperty("datastores").GetArrayLength().ShouldBe(0);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(0);

        var text = await phone.RunAsync("backup", "--connection", "roaming");
        text.ExitCode.ShouldBe(ExitCodes.Deferred, text.ToString());
        text.StdErr.ShouldContain("deferred on a roaming connection");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(0);
        var (_, status) = await phone.RunJsonAsync("status");
        status.GetProperty("deferred").GetProperty("connection").GetString().ShouldBe("roaming");

        // Accepted: the same run goes through on the same connection, and the deferral is done with.
        var (accepted, acceptedJson) = await phone.RunJsonAsync("backup", "--connection", "roaming", "--on-metered", "allow");
        accepted.ExitCode.ShouldBe(ExitCodes.Ok, accepted.ToString());
        acceptedJson.GetProperty("estimate").GetProperty("itemsToSend").GetInt32().ShouldBe(3);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(3);
        File.Exists(Path.Combine(phone.ConfigDir, "deferred.json")).ShouldBeFalse();

        // Nothing changed since: a roaming backup has nothing to send, opens no session and asks nothing.
        var (idle, idleJson) = await phone.RunJsonAsync("backup", "--connection", "roaming");
        idle.ExitCode.ShouldBe(ExitCodes.Ok, idle.ToString());
        idleJson.GetProperty("datastores").GetArrayLength().ShouldBe(0);
        File.Exists(Path.Combine(phone.ConfigDir, "deferred.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_deferred_backup_is_done_by_the_next_unmetered_run()
    {
        var user = await server.AddUserAsync("rita", "pw");
        var phone = new Agent(server.Root, "rita");
        await phone.InitOkAsync(server.SyncUrl, "rita", "pw", "--datastore", "contacts", "--datastore", "notes", "--connection", "metered", "--on-metered", "defer");
        PimSamples.Fill(phone.DataDir, 2, largeNoteBytes: 0);

        var deferred = await phone.RunAsync("backup");
        deferred.ExitCode.ShouldBe(ExitCodes.Deferred, deferred.ToString());
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(0);

        // Back on an unmetered connection, a sync of the notes first does the deferred backup of everything.
        var (unmetered, json) = await phone.RunJsonAsync("sync", "notes", "--connection", "unmetered");
        unmetered.ExitCode.ShouldBe(ExitCodes.Ok, unmetered.ToString());
        json.GetProperty("retried").GetProperty("command").GetString().ShouldBe("backup");
        json.GetProperty("retried").GetProperty("datastores").GetArrayLength().ShouldBe(2);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(2);
        (await server.CountLiveAsync(user, DatastoreKind.Notes)).ShouldBe(2);
        File.Exists(Path.Combine(phone.ConfigDir, "deferred.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_rejected_run_sends_nothing_and_is_not_kept()
    {
        var user = await server.AddUserAsync("sven", "pw");
        var phone = new Agent(server.Root, "sven");
        await phone.InitOkAsync(server.SyncUrl, "sven", "pw", "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 2, largeNoteBytes: 0);

        var rejected = await phone.RunAsync("backup", "--connection", "metered", "--on-metered", "deny");
        rejected.ExitCode.ShouldBe(ExitCodes.Rejected, rejected.ToString());
        rejected.StdErr.ShouldContain("nothing was sent");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(0);
        File.Exists(Path.Combine(phone.ConfigDir, "deferred.json")).ShouldBeFalse();
    }
}
