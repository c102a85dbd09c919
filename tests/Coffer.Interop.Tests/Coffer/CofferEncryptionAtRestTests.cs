using Coffer.Backup;
using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// Encryption at rest, end to end: data a real phone synced is nowhere on the server's disk in any readable form.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferEncryptionAtRestTests
{
    // Non-ASCII on purpose: its quoted-printable and UTF-16 forms differ from its UTF-8 form.
    private const string Marker = "Zébra-Quokka-7c1e-Żółw-marker";
    private const string User = "marker";
    private const string Password = "at-rest";

    [Fact]
    public async Task A_marker_synced_in_a_contact_an_event_a_task_and_a_note_is_in_no_file_of_the_data_directory_or_the_log()
    {
        await using var server = await CofferServer.StartAsync(LogLevel.Trace, "--Logging:LogLevel:Default=Trace");
        await server.AddUserAsync(User, Password);
        using var env = SyncEvolutionEnvironment.Create("at-rest");
        var a = await Phone.CreateAsync(env, "pa", server.SyncUrl, User, Password);
        a.WriteItem(HarnessDatastore.Contacts, "marker.vcf", $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{Marker};Anna;;;\r\nFN:Anna {Marker}\r\nNOTE:{Marker}\r\nEND:VCARD\r\n");
        a.WriteItem(HarnessDatastore.Calendar, "marker.ics", Calendar("VEVENT", $"DTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nSUMMARY:{Marker}\r\nLOCATION:{Marker}\r\n"));
        a.WriteItem(HarnessDatastore.Todo, "marker.ics", Calendar("VTODO", $"SUMMARY:{Marker}\r\nDESCRIPTION:{Marker}\r\n"));
        a.WriteItem(HarnessDatastore.Memo, "marker.txt", $"{Marker}\nthe body of the note: {Marker}\n");

        var backup = await a.SyncAsync(SyncMode.Slow);
        backup.Succeeded.ShouldBeTrue(backup + "\n" + server.Log);
        foreach (var kind in new[] { DatastoreKind.Contacts, DatastoreKind.Events, DatastoreKind.Tasks, DatastoreKind.Notes })
        {
            (await server.LiveItemsAsync(User, kind)).ShouldContain(item => item.Contains(Marker, StringComparison.Ordinal), $"the server holds the {kind} item");
        }

        // The way back too: the replies (cached for resends) carry the items to phone B.
        var b = await Phone.CreateAsync(env, "pb", server.SyncUrl, User, Password);
        var restore = await b.SyncAsync(SyncMode.RefreshFromServer);
        restore.Succeeded.ShouldBeTrue(restore + "\n" + server.Log);
        b.ReadItems(HarnessDatastore.Contacts).Values.ShouldContain(card => card.Contains(Marker, StringComparison.Ordinal));

        // A backup of the running server, as the daily job makes it (docs/backup.md).
        var backups = Path.Combine(Path.GetDirectoryName(server.DataDir)!, "backups");
        var made = await new BackupRepository(new DirectoryBackupTarget(backups), new BackupKeys(server.Store.KeyRing.Master))
            .CreateAsync(server.App.Services.GetRequiredService<IBackupSource>(), 7, null, CancellationToken.None);
        made.Ok.ShouldBeTrue(string.Join("; ", made.Verify.Damage));

        // Every file the server wrote, as it lies on disk after the server stopped (WAL included), its log and the backup;
        // on PostgreSQL the whole data directory of the private cluster (tables, TOAST, WAL) instead of coffer.db.
        var log = server.Log;
        await server.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var logFile = Path.Combine(Path.GetDirectoryName(server.DataDir)!, "server.log");
        await File.WriteAllTextAsync(logFile, log);
        IReadOnlyList<string> searched = InteropStorage.OnPostgres
            ? [server.DataDir, logFile, backups, global::Coffer.TestData.PostgresCluster.Shared.DataDir]
            : [server.DataDir, logFile, backups];
        var files = AtRestSearch.Files(searched);
        if (InteropStorage.OnPostgres)
        {
            files.ShouldContain(f => f.Contains(Path.Combine("pg_wal", string.Empty), StringComparison.Ordinal), "the cluster's WAL was searched");
            files.ShouldContain(f => f.Contains(Path.Combine("base", string.Empty), StringComparison.Ordinal), "the cluster's tables were searched");
        }
        else
        {
            files.ShouldContain(f => f.EndsWith(".db", StringComparison.Ordinal), "the database was searched");
        }

        files.Count(f => f.StartsWith(backups, StringComparison.Ordinal)).ShouldBe(made.Manifest.Chunks.Distinct().Count() + 2, "every chunk, the manifest and the lock file of the backup were searched");

        var hits = AtRestSearch.Find(searched, Marker);
        hits.ShouldBeEmpty($"searched {files.Count} files: {string.Join(", ", files.Select(Path.GetFileName))}");

        // The search finds what it looks for: the phone's own folders hold the marker.
        AtRestSearch.Find([a.FolderOf(HarnessDatastore.Contacts), a.FolderOf(HarnessDatastore.Memo)], Marker).ShouldNotBeEmpty();
    }

    private static string Calendar(string component, string properties) =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Coffer//at-rest//EN\r\nBEGIN:{component}\r\nUID:marker-{component}@coffer.test\r\nDTSTAMP:20261206T120000Z\r\n{properties}END:{component}\r\nEND:VCALENDAR\r\n";
}
