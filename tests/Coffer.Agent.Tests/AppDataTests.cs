using System.Text.Json;
using Coffer.Agent.AppData;
using Coffer.Agent.Runs;
using Coffer.TestData;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests;

/// <summary>
/// An app's SQLite database in the appdata folder, changed by another process (the sqlite3 shell, as the app would)
/// and backed up after every step against the real server (seed 001): the first backup sends the file, every later
/// one a change set that is a small fraction of it, and the file a second device restores, in one download, dumps
/// (<c>sqlite3 .dump</c>) exactly like the device's. A change set the server's copy does not match is refused, the
/// copy stays as it was, and the next backup sends the whole file.
/// </summary>
public sealed class AppDataTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "appdata pw";
    private const string DbPath = "com.example.notes/databases/notes.db";
    private TestServer server = null!;

    private const string Create = """
        PRAGMA user_version = 3;
        CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, modified REAL);
        CREATE INDEX notes_title ON notes(title);
        CREATE TABLE tags(note INTEGER, tag TEXT);
        CREATE TABLE settings(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
          INSERT INTO notes(id, title, body, modified) SELECT i, 'note ' || i, hex(randomblob(100)), i * 1.5 FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
          INSERT INTO tags SELECT i, 'tag' || (i % 7) FROM n;
        INSERT INTO settings VALUES ('theme', 'dark'), ('sync', 1), ('ratio', 0.25);
        """;

    private static readonly (string Step, string Sql)[] Steps =
    [
        ("inserts", """
            WITH RECURSIVE n(i) AS (SELECT 20001 UNION ALL SELECT i + 1 FROM n WHERE i < 20050)
              INSERT INTO notes(id, title, body, modified) SELECT i, 'new note ' || i, 'body ' || i, i / 3.0 FROM n;
            INSERT INTO tags VALUES (20001, 'fresh'), (20002, NULL), (20003, x'00ff10');
            """),
        ("updates", """
            UPDATE notes SET body = 'edited ' || id, modified = modified + 0.125 WHERE id % 500 = 0;
            UPDATE tags SET tag = 'renamed' WHERE note BETWEEN 10 AND 19;
            UPDATE settings SET value = 'light' WHERE key = 'theme';
            """),
        ("deletes", """
            DELETE FROM notes WHERE id BETWEEN 100 AND 129;
            DELETE FROM tags WHERE rowid % 1000 = 0;
            DELETE FROM settings WHERE key = 'sync';
            """),
        ("add column", """
            ALTER TABLE notes ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
            UPDATE notes SET starred = 1 WHERE id % 1000 = 1;
            PRAGMA user_version = 4;
            """),
        ("new table", """
            CREATE TABLE attachments(id INTEGER PRIMARY KEY AUTOINCREMENT, note INTEGER REFERENCES notes(id), data BLOB);
            CREATE INDEX attachments_note ON attachments(note);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
              INSERT INTO attachments(note, data) SELECT i * 7, randomblob(200) FROM n;
            """),
        ("dropped index", """
            DROP INDEX notes_title;
            INSERT INTO notes(id, title) VALUES (30000, 'after the index');
            """),
    ];

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Each_backup_after_the_first_sends_a_small_change_set_and_the_restored_file_dumps_like_the_source()
    {
        await server.AddUserAsync("alice", Password);
        var phone = new Agent(server.Root, "phone");
        await phone.InitOkAsync(server.SyncUrl, "alice", Password, "--datastore", "appdata");
        var db = Path.Combine(phone.Folder("appdata"), DbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Sql(db, Create);
        await File.WriteAllTextAsync(Path.Combine(phone.Folder("appdata"), "com.example.notes", "prefs.xml"), "<prefs/>");

        var first = await BackupAsync(phone);
        first.GetProperty("new").GetInt32().ShouldBe(2);
        Record(phone).LastKind.ShouldBe("full");
        var restorer = new Agent(server.Root, "restorer");
        await restorer.InitOkAsync(server.SyncUrl, "alice", Password);
        await RestoredEqualsAsync(restorer, db, "first", files: 2);

        foreach (var (step, sql) in Steps)
        {
            Sql(db, sql);
            var size = new FileInfo(db).Length;
            var summary = await BackupAsync(phone);
            var sent = summary.GetProperty("bytesSent").GetInt64();
            var record = Record(phone);
            output.WriteLine($"{step}: file {size} bytes, change set {record.LastBytes} bytes, {sent} bytes sent ({100.0 * sent / size:F2} %)");
            (summary.GetProperty("sent").GetInt32(), record.LastKind).ShouldBe((1, "changes"), step);
            sent.ShouldBeLessThan(size / 10, step);
            await RestoredEqualsAsync(restorer, db, step, files: 2);
        }

        // Nothing changed: nothing is sent.
        (await BackupAsync(phone)).GetProperty("sent").GetInt32().ShouldBe(0);

        // status shows what was backed up and when.
        var (status, statusJson) = await phone.RunJsonAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        var file = statusJson.GetProperty("appdataFiles").EnumerateArray().Single(f => f.GetProperty("path").GetString() == DbPath);
        (file.GetProperty("lastKind").GetString(), file.GetProperty("fullBackups").GetInt32(), file.GetProperty("changeSets").GetInt32()).ShouldBe(("changes", 1, Steps.Length));
    }

    [Fact]
    public async Task Every_backed_up_version_is_kept_so_the_file_can_be_restored_as_it_was_after_an_earlier_backup()
    {
        var carol = await server.AddUserAsync("carol", Password);
        var phone = new Agent(server.Root, "carol-phone");
        await phone.InitOkAsync(server.SyncUrl, "carol", Password, "--datastore", "appdata");
        var db = Path.Combine(phone.Folder("appdata"), DbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Sql(db, Create);
        await BackupAsync(phone);
        Sql(db, Steps[0].Sql);
        await BackupAsync(phone);
        var afterInserts = Dump(db);
        Sql(db, Steps[1].Sql);
        await BackupAsync(phone);

        // The item history (docs/history-and-recovery.md): the full file, then one version per change set applied.
        string itemId;
        await using (var uow = await server.Store.BeginReadAsync())
        {
            var datastore = (await uow.Datastores.GetAsync(carol.Id, Coffer.Storage.DatastoreKind.AppData)).ShouldNotBeNull();
            itemId = (await uow.Items.ListLiveAsync(datastore.Id, 0, 10, withContent: false)).Single().Id;
        }

        var history = server.App.Services.GetRequiredService<Coffer.Sync.Recovery.ItemHistory>();
        var versions = await history.VersionsAsync(carol.Id, Coffer.Storage.DatastoreKind.AppData, itemId);
        versions.Count.ShouldBe(3);
        await history.RestoreItemAsync(carol.Id, Coffer.Storage.DatastoreKind.AppData, itemId, versions.Single(v => v.Version == 2).Time);

        var restorer = new Agent(server.Root, "carol-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "carol", Password);
        var target = Path.Combine(server.Root, "carol-restored");
        (await restorer.RunAsync("restore", "--to", target, "appdata")).ExitCode.ShouldBe(ExitCodes.Ok);
        Dump(Path.Combine(target, "appdata", DbPath)).ShouldBe(afterInserts);
    }

    [Fact]
    public async Task A_change_set_the_servers_copy_does_not_match_is_refused_and_the_next_backup_sends_the_file()
    {
        await server.AddUserAsync("bob", Password);
        var phone = new Agent(server.Root, "bob-phone");
        await phone.InitOkAsync(server.SyncUrl, "bob", Password, "--datastore", "appdata");
        var db = Path.Combine(phone.Folder("appdata"), DbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Sql(db, Create);
        await BackupAsync(phone);
        Sql(db, Steps[0].Sql);
        await BackupAsync(phone);
        var restorer = new Agent(server.Root, "bob-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "bob", Password);
        var before = await RestoredEqualsAsync(restorer, db, "before", files: 1);

        // The agent's record says the server's copy is at another modification number than it is.
        var stateFile = Path.Combine(phone.ConfigDir, "state", "appdata.files.json");
        var state = AppDataStateFile.Load(stateFile);
        state.Files.Single().Modification -= 5;
        AppDataStateFile.Save(stateFile, state);
        Sql(db, Steps[1].Sql);
        var (refused, json) = await phone.RunJsonAsync("backup");
        refused.ExitCode.ShouldBe(ExitCodes.ItemsRefused, refused.ToString());
        Datastore(json).GetProperty("refused").GetInt32().ShouldBe(1);
        Record(phone).NeedsFull.ShouldBeTrue();

        // The server's copy is the one before.
        var target = Path.Combine(server.Root, "bob-after-refusal");
        (await restorer.RunAsync("restore", "--to", target, "appdata")).ExitCode.ShouldBe(ExitCodes.Ok);
        Dump(Path.Combine(target, "appdata", DbPath)).ShouldBe(before);

        var full = await BackupAsync(phone);
        full.GetProperty("sent").GetInt32().ShouldBe(1);
        Record(phone).LastKind.ShouldBe("full");
        await RestoredEqualsAsync(restorer, db, "after the full backup", files: 1);
    }

    private static AppDataFileRecord Record(Agent phone) =>
        AppDataStateFile.Load(Path.Combine(phone.ConfigDir, "state", "appdata.files.json")).Find(DbPath).ShouldNotBeNull();

    private static async Task<JsonElement> BackupAsync(Agent phone)
    {
        var (result, json) = await phone.RunJsonAsync("backup");
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return Datastore(json);
    }

    /// <summary>Restores the appdata datastore into a fresh directory and checks the database dumps like the source; returns the dump.</summary>
    private async Task<string> RestoredEqualsAsync(Agent restorer, string source, string step, int files)
    {
        var target = Path.Combine(server.Root, "restored-" + Guid.NewGuid().ToString("N")[..8]);
        var (restore, json) = await restorer.RunJsonAsync("restore", "--to", target, "appdata");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        Datastore(json).GetProperty("receivedAdded").GetInt32().ShouldBe(files, step);
        Directory.EnumerateFiles(Path.Combine(target, "appdata"), "*", SearchOption.AllDirectories).Count().ShouldBe(files, step);
        var expected = Dump(source);
        Dump(Path.Combine(target, "appdata", DbPath)).ShouldBe(expected, step);
        return expected;
    }

    private static JsonElement Datastore(JsonElement summary) =>
        summary.GetProperty("datastores").EnumerateArray().Single(d => d.GetProperty("datastore").GetString() == "appdata");

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
