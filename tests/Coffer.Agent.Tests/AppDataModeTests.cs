using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Agent.AppData;
using Coffer.Agent.Runs;
using Coffer.Storage;
using Coffer.TestData;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests;

/// <summary>
/// Per-file backup modes of app data files (seed 001 "full plus differential", "logging every change ... time
/// machine") against the real server: the mode chosen with <c>coffer-agent appdata mode</c> travels with the file's
/// items; a differential holds every change since the last full and the server applies it to that full, which
/// retention never prunes; a history file keeps every version whatever the retention, and is restored as of any
/// backup. Every restore is one download of one file that dumps (<c>sqlite3 .dump</c>) like the source did.
/// </summary>
public sealed class AppDataModeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "modes pw";
    private const string DbPath = "com.example.notes/databases/notes.db";
    private TestServer server = null!;

    private const string Create = """
        CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);
        CREATE TABLE tags(note INTEGER, tag TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
          INSERT INTO notes(id, title, body) SELECT i, 'note ' || i, hex(randomblob(100)) FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
          INSERT INTO tags SELECT i, 'tag' || (i % 7) FROM n;
        """;

    /// <summary>Each step touches rows the earlier ones did not, so a differential (every change since the full) grows.</summary>
    private static readonly string[] Steps =
    [
        "WITH RECURSIVE n(i) AS (SELECT 20001 UNION ALL SELECT i + 1 FROM n WHERE i < 20100) INSERT INTO notes(id, title, body) SELECT i, 'new ' || i, hex(randomblob(80)) FROM n;",
        "UPDATE notes SET body = 'edited ' || id WHERE id % 200 = 0; UPDATE tags SET tag = 'renamed' WHERE note < 50;",
        "DELETE FROM notes WHERE id BETWEEN 1000 AND 1099; ALTER TABLE tags ADD COLUMN weight REAL; UPDATE tags SET weight = 0.5 WHERE note % 100 = 1;",
        "CREATE TABLE links(id INTEGER PRIMARY KEY, url TEXT); INSERT INTO links(url) SELECT 'https://example.org/' || id FROM notes WHERE id % 300 = 0;",
        "UPDATE notes SET title = 'after the next full' WHERE id % 333 = 0;",
    ];

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Differential_backups_send_every_change_since_the_full_which_the_server_keeps_as_the_base()
    {
        var alice = await server.AddUserAsync("alice", Password);
        var phone = new Agent(server.Root, "phone");
        await phone.InitOkAsync(server.SyncUrl, "alice", Password, "--datastore", "appdata");
        (await phone.RunAsync("appdata", "mode", "com.example.notes/*", "differential", "--full-every", "4")).ExitCode.ShouldBe(ExitCodes.Ok);
        var db = NewDatabase(phone);
        var restorer = new Agent(server.Root, "restorer");
        await restorer.InitOkAsync(server.SyncUrl, "alice", Password);

        await BackupAsync(phone);
        var full = Record(phone);
        (full.LastKind, full.Mode).ShouldBe(("full", "differential"));
        var (itemId, state) = await ServerItemAsync(alice);
        state.ShouldBe(new ItemModeState(ItemBackupMode.Differential, 1));

        var previous = 0L;
        for (var step = 0; step < 4; step++)
        {
            Sql(db, Steps[step]);
            var size = new FileInfo(db).Length;
            var summary = await BackupAsync(phone);
            var record = Record(phone);
            output.WriteLine($"step {step + 1}: file {size} bytes, differential {record.LastBytes} bytes, {summary.GetProperty("bytesSent").GetInt64()} bytes sent");
            (summary.GetProperty("sent").GetInt32(), record.LastKind, record.DifferentialsSinceFull).ShouldBe((1, "changes", step + 1));

            // The base stays the full: each differential holds the changes of every step so far.
            record.Modification.ShouldBe(full.Modification);
            record.LastBytes.ShouldBeGreaterThan(previous);
            record.LastBytes.ShouldBeLessThan(size / 10);
            previous = record.LastBytes;
            await RestoredEqualsAsync(restorer, db);

            if (step == 2)
            {
                // Retention prunes everything superseded, but not the full the next differential applies to.
                await PruneEverythingSupersededAsync();
                (await VersionsAsync(alice, itemId)).ShouldBe([1L, 4L]);
            }
        }

        // Nothing changed since the last differential: nothing is sent.
        (await BackupAsync(phone)).GetProperty("sent").GetInt32().ShouldBe(0);

        // After --full-every differentials the next backup is a full, the new base.
        Sql(db, Steps[4]);
        await BackupAsync(phone);
        var again = Record(phone);
        (again.LastKind, again.DifferentialsSinceFull, again.FullBackups).ShouldBe(("full", 0, 2));
        var (_, moved) = await ServerItemAsync(alice);
        moved.ShouldBe(new ItemModeState(ItemBackupMode.Differential, 6));
        await RestoredEqualsAsync(restorer, db);

        // status lists the rule and each file's mode.
        var (status, json) = await phone.RunJsonAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        json.GetProperty("appdataFiles").EnumerateArray().Single(f => f.GetProperty("path").GetString() == DbPath).GetProperty("mode").GetString().ShouldBe("differential");
    }

    [Fact]
    public async Task A_history_file_keeps_every_version_past_retention_and_is_restored_as_of_an_earlier_backup()
    {
        var carol = await server.AddUserAsync("carol", Password);
        var phone = new Agent(server.Root, "carol-phone");
        await phone.InitOkAsync(server.SyncUrl, "carol", Password, "--datastore", "appdata");
        (await phone.RunAsync("appdata", "mode", "*.db", "history")).ExitCode.ShouldBe(ExitCodes.Ok);
        var db = NewDatabase(phone);
        await BackupAsync(phone);
        Sql(db, Steps[0]);
        await BackupAsync(phone);
        var second = Dump(db);
        Sql(db, Steps[1]);
        await BackupAsync(phone);
        Record(phone).Mode.ShouldBe("history");

        var (itemId, state) = await ServerItemAsync(carol);
        state.ShouldBe(new ItemModeState(ItemBackupMode.History, null));
        await PruneEverythingSupersededAsync();
        (await VersionsAsync(carol, itemId)).ShouldBe([1L, 2L, 3L]);

        // The file as of the second backup: the JSON API's item restore, then an agent restore (one download).
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("carol:" + Password)));
        var versions = await http.GetFromJsonAsync<JsonElement>(Api($"datastores/appdata/items/{itemId}/versions"));
        var at = versions.EnumerateArray().Single(v => v.GetProperty("version").GetInt64() == 2).GetProperty("time").GetDateTimeOffset();
        var restore = await http.PostAsJsonAsync(Api("restore"), new { scope = "item", datastore = "appdata", itemId, at });
        restore.IsSuccessStatusCode.ShouldBeTrue(await restore.Content.ReadAsStringAsync());

        var restorer = new Agent(server.Root, "carol-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "carol", Password);
        var target = Path.Combine(server.Root, "carol-as-of-second");
        (await restorer.RunAsync("restore", "--to", target, "appdata")).ExitCode.ShouldBe(ExitCodes.Ok);
        Dump(Path.Combine(target, "appdata", DbPath)).ShouldBe(second);
    }

    [Fact]
    public void The_first_rule_that_matches_a_path_gives_its_mode_and_others_are_incremental()
    {
        var policy = new AppDataModePolicy([new AppDataModeRule("com.bank/*", "history"), new AppDataModeRule("*.db", "differential")]);
        policy.ModeOf("com.bank/databases/ledger.db").ShouldBe(Coffer.Formats.AppData.AppDataMode.History);
        policy.ModeOf("com.example.notes/databases/notes.db").ShouldBe(Coffer.Formats.AppData.AppDataMode.Differential);
        policy.ModeOf("com.example.notes/prefs.xml").ShouldBe(Coffer.Formats.AppData.AppDataMode.Incremental);
    }

    [Fact]
    public async Task Appdata_mode_adds_changes_and_removes_rules_in_order_and_refuses_an_unknown_mode()
    {
        var phone = new Agent(server.Root, "rules");
        await phone.InitOkAsync(server.SyncUrl, "nobody", Password);
        (await phone.RunAsync("appdata", "mode", "com.bank/*", "history")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await phone.RunAsync("appdata", "mode", "*.db", "differential", "--full-every", "3")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await phone.RunAsync("appdata", "mode", "com.bank/*", "incremental")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await phone.RunAsync("appdata", "mode", "*.db", "forever")).ExitCode.ShouldBe(ExitCodes.Usage);
        (await phone.RunAsync("appdata", "mode", "*.db")).ExitCode.ShouldBe(ExitCodes.Usage);
        await RulesShouldBeAsync(phone, ("com.bank/*", "incremental"), ("*.db", "differential"));

        (await phone.RunAsync("appdata", "mode", "com.bank/*", "--remove")).ExitCode.ShouldBe(ExitCodes.Ok);
        await RulesShouldBeAsync(phone, ("*.db", "differential"));
        var (_, json) = await phone.RunJsonAsync("appdata", "modes");
        json.GetProperty("differentialFullEvery").GetInt32().ShouldBe(3);
        (await phone.RunAsync("appdata", "modes")).StdOut.ShouldContain("*.db");
    }

    private static async Task RulesShouldBeAsync(Agent phone, params (string Pattern, string Mode)[] expected)
    {
        var (result, json) = await phone.RunJsonAsync("appdata", "modes");
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        json.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("pattern").GetString()!, r.GetProperty("mode").GetString()!)).ShouldBe(expected);
    }

    private string Api(string path) => new Uri(server.SyncUrl, "/api/" + path).ToString();

    private static string NewDatabase(Agent phone)
    {
        var db = Path.Combine(phone.Folder("appdata"), DbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Sql(db, Create);
        return db;
    }

    private async Task<(string ItemId, ItemModeState? State)> ServerItemAsync(UserAccount user)
    {
        await using var uow = await server.Store.BeginReadAsync();
        var datastore = (await uow.Datastores.GetAsync(user.Id, DatastoreKind.AppData)).ShouldNotBeNull();
        var item = (await uow.Items.ListLiveAsync(datastore.Id, 0, 10, withContent: false)).Single();
        return (item.Id, await uow.ItemModes.GetAsync(datastore.Id, item.Id));
    }

    private async Task<List<long>> VersionsAsync(UserAccount user, string itemId)
    {
        await using var uow = await server.Store.BeginReadAsync();
        var datastore = (await uow.Datastores.GetAsync(user.Id, DatastoreKind.AppData)).ShouldNotBeNull();
        return [.. (await uow.Items.GetVersionsAsync(datastore.Id, itemId)).Select(v => v.Version)];
    }

    /// <summary>The retention job's query with a cutoff past every version: all it may prune goes.</summary>
    private async Task PruneEverythingSupersededAsync()
    {
        await using var uow = await server.Store.BeginAsync();
        while (await uow.History.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), 500) > 0)
        {
        }

        await uow.CommitAsync();
    }

    private static AppDataFileRecord Record(Agent phone) =>
        AppDataStateFile.Load(Path.Combine(phone.ConfigDir, "state", "appdata.files.json")).Find(DbPath).ShouldNotBeNull();

    private static async Task<JsonElement> BackupAsync(Agent phone)
    {
        var (result, json) = await phone.RunJsonAsync("backup");
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return json.GetProperty("datastores").EnumerateArray().Single(d => d.GetProperty("datastore").GetString() == "appdata");
    }

    /// <summary>A restore into a fresh directory is one file, which dumps like the source.</summary>
    private async Task RestoredEqualsAsync(Agent restorer, string source)
    {
        var target = Path.Combine(server.Root, "restored-" + Guid.NewGuid().ToString("N")[..8]);
        var (restore, json) = await restorer.RunJsonAsync("restore", "--to", target, "appdata");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        json.GetProperty("datastores").EnumerateArray().Single().GetProperty("receivedAdded").GetInt32().ShouldBe(1);
        Dump(Path.Combine(target, "appdata", DbPath)).ShouldBe(Dump(source));
    }

    private static void Sql(string db, string sql)
    {
        var result = ExternalTool.Run("sqlite3", [db], stdin: sql);
        result.ExitCode.ShouldBe(0, result.StdErr);
    }

    private static string Dump(string db)
    {
        var result = ExternalTool.Run("sqlite3", [db, ".dump"]);
        result.ExitCode.ShouldBe(0, result.StdErr);
        result.StdOut.Length.ShouldBeGreaterThan(1000);
        return result.StdOut;
    }
}
