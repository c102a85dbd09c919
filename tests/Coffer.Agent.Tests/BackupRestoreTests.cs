using System.Text.Json;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests;

/// <summary>
/// <c>coffer-agent backup</c> then <c>restore --to</c> a fresh directory on another configuration, against the real
/// server: every item comes back, byte for byte, a large note included (it travels in chunks both ways).
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private const string Password = "agent pw";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Backup_wipe_and_restore_into_a_fresh_directory_gives_the_same_files()
    {
        await server.AddUserAsync("alice", Password);
        var phone = new Agent(server.Root, "phone");
        await phone.InitOkAsync(server.SyncUrl, "alice", Password, "--max-msg-size", "8192");
        PimSamples.Fill(phone.DataDir, 6, largeNoteBytes: 40_000);
        var (status, statusJson) = await phone.RunJsonAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        var contacts = statusJson.GetProperty("datastores")[0];
        (contacts.GetProperty("nextRun").GetString(), contacts.GetProperty("pending").GetProperty("new").GetInt32()).ShouldBe(("slow", 6));

        var (backup, json) = await phone.RunJsonAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        foreach (var d in json.GetProperty("datastores").EnumerateArray())
        {
            d.GetProperty("mode").GetString().ShouldBe("slow", backup.ToString());
            d.GetProperty("new").GetInt32().ShouldBe(d.GetProperty("datastore").GetString() == "notes" ? 7 : 6, backup.ToString());
        }

        json.GetProperty("bytesSent").GetInt64().ShouldBeGreaterThan(40_000);

        // The 40 kB note cannot go in one 8 kB message: it travelled as a large object, one chunk per message.
        Notes(json).GetProperty("messages").GetInt32().ShouldBeGreaterThanOrEqualTo(6, backup.ToString());

        // Nothing changed: the next backup is one-way and sends nothing.
        var (again, againJson) = await phone.RunJsonAsync("backup");
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.ToString());
        foreach (var d in againJson.GetProperty("datastores").EnumerateArray())
        {
            d.GetProperty("mode").GetString().ShouldBe("one-way-from-client", again.ToString());
            (d.GetProperty("new").GetInt32(), d.GetProperty("changed").GetInt32(), d.GetProperty("sent").GetInt32()).ShouldBe((0, 0, 0), again.ToString());
        }

        // The device is lost (its data and configuration wiped); a new one restores into an empty directory.
        var datastores = new[] { "contacts", "calendar", "tasks", "notes" };
        var original = datastores.ToDictionary(d => d, d => (Contents: PimSamples.Contents(phone.Folder(d)), Hashes: PimSamples.Hashes(phone.Folder(d))));
        Directory.Delete(phone.DataDir, recursive: true);
        Directory.Delete(phone.ConfigDir, recursive: true);
        var fresh = new Agent(server.Root, "new-phone");
        await fresh.InitOkAsync(server.SyncUrl, "alice", Password, "--max-msg-size", "8192");
        var target = Path.Combine(server.Root, "restored");
        var (restore, restoreJson) = await fresh.RunJsonAsync("restore", "--to", target);
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        Notes(restoreJson).GetProperty("mode").GetString().ShouldBe("refresh-from-server");
        Notes(restoreJson).GetProperty("receivedAdded").GetInt32().ShouldBe(7);
        Notes(restoreJson).GetProperty("messages").GetInt32().ShouldBeGreaterThanOrEqualTo(6, restore.ToString());

        foreach (var datastore in datastores)
        {
            PimSamples.Contents(Path.Combine(target, datastore)).ShouldBe(original[datastore].Contents, datastore);
            PimSamples.Hashes(Path.Combine(target, datastore)).ShouldBe(original[datastore].Hashes, datastore);
        }
    }

    private static JsonElement Notes(JsonElement summary) =>
        summary.GetProperty("datastores").EnumerateArray().Single(d => d.GetProperty("datastore").GetString() == "notes");

    [Fact]
    public async Task Restore_refuses_a_directory_that_is_not_empty()
    {
        await server.AddUserAsync("bob", Password);
        var phone = new Agent(server.Root, "bob");
        await phone.InitOkAsync(server.SyncUrl, "bob", Password);
        var target = Path.Combine(server.Root, "occupied");
        PimSamples.Write(target, "contacts", "x.vcf", PimSamples.Contact(1));

        var restore = await phone.RunAsync("restore", "--to", target);
        restore.ExitCode.ShouldBe(ExitCodes.Usage, restore.ToString());
        restore.StdErr.ShouldContain("not empty");
    }

    [Fact]
    public async Task Restore_fills_a_directory_holding_only_empty_folders()
    {
        await server.AddUserAsync("carl", Password);
        var phone = new Agent(server.Root, "carl");
        await phone.InitOkAsync(server.SyncUrl, "carl", Password, "--datastore", "contacts");
        PimSamples.Write(phone.DataDir, "contacts", "x.vcf", PimSamples.Contact(1));
        (await phone.RunAsync("backup")).ExitCode.ShouldBe(ExitCodes.Ok);

        // What a new phone's first sync leaves: its datastores' folders, nothing in them.
        var target = Path.Combine(server.Root, "new-phone");
        Directory.CreateDirectory(Path.Combine(target, "contacts"));
        var restore = await phone.RunAsync("restore", "--to", target, "contacts");

        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        Directory.GetFiles(Path.Combine(target, "contacts")).Length.ShouldBe(1);
    }
}
