using Coffer.Backup;
using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// The daily secondary backup, end to end with the real client (docs/backup.md): a backup taken while the server runs,
/// the data directory wiped, the backup restored with the master key kept apart, and a new phone of each user gets by
/// refresh-from-server exactly what a phone got from the original server. On SQLite the data directory is wiped; on
/// PostgreSQL (COFFER_TEST_STORAGE=postgres) the database is dropped too and the backup goes into a new, empty one.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferBackupWipeRestoreTests
{
    private const string Password = "backup pass";

    private static readonly HarnessDatastore[] All = [HarnessDatastore.Contacts, HarnessDatastore.Calendar, HarnessDatastore.Todo, HarnessDatastore.Memo];

    [Fact]
    public async Task Backup_wipe_restore_then_refresh_from_server_on_a_new_phone_gives_the_original_phones_data_and_a_flipped_byte_is_named()
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-interop", "backup-" + Guid.NewGuid().ToString("N")[..12]);
        var backups = Path.Combine(root, "..", Path.GetFileName(root) + "-backups");
        var keyFile = Path.Combine(root + "-master.key");
        using var env = SyncEvolutionEnvironment.Create("backup");
        var original = new Dictionary<(string User, HarnessDatastore Store), IReadOnlyList<string>>();
        var phoneA = new Dictionary<string, Phone>();
        BackupResult backup;
        try
        {
            await using (var server = await CofferServer.StartInAsync(root, LogLevel.Information))
            {
                foreach (var user in new[] { "anna", "ben" })
                {
                    await server.AddUserAsync(user, Password);
                    var a = await Phone.CreateAsync(env, user + "a", server.SyncUrl, user, Password);
                    TestVCards.WriteGenerated(a, user == "anna" ? 40 : 15);
                    for (var i = 0; i < 5; i++)
                    {
                        a.WriteItem(HarnessDatastore.Calendar, $"e{i}.ics", Calendar(user, "VEVENT", i, $"DTSTART:2026120{i + 1}T090000Z\r\nDTEND:2026120{i + 1}T100000Z\r\nSUMMARY:{user} meeting {i}\r\n"));
                        a.WriteItem(HarnessDatastore.Todo, $"t{i}.ics", Calendar(user, "VTODO", i, $"SUMMARY:{user} task {i}\r\n"));
                        a.WriteItem(HarnessDatastore.Memo, $"n{i}.txt", $"{user} note {i}\nsecond line of note {i}\n");
                    }

                    var up = await a.SyncAsync(SyncMode.Slow);
                    up.Succeeded.ShouldBeTrue(up + "\n" + server.Log);
                    phoneA[user] = a;

                    // What a phone gets from the original server: the reference for the restored one.
                    var b = await Phone.CreateAsync(env, user + "b", server.SyncUrl, user, Password);
                    var down = await b.SyncAsync(SyncMode.RefreshFromServer);
                    down.Succeeded.ShouldBeTrue(down + "\n" + server.Log);
                    foreach (var store in All)
                    {
                        original[(user, store)] = PimItemComparison.NormalizeFolder(b.FolderOf(store));
                        original[(user, store)].Count.ShouldBe(a.CountItems(store));
                    }
                }

                // The backup is taken from the running server with the source its daily job uses.
                File.Copy(Path.Combine(server.DataDir, MasterKeyFile.FileName), keyFile);
                var repository = new BackupRepository(new DirectoryBackupTarget(backups), new BackupKeys(server.Store.KeyRing.Master));
                var source = server.App.Services.GetRequiredService<IBackupSource>();
                source.Format.Kind.ShouldBe(InteropStorage.OnPostgres ? "postgres" : "sqlite");
                backup = await repository.CreateAsync(source, 7, null, CancellationToken.None);
                backup.Ok.ShouldBeTrue(string.Join("; ", backup.Verify.Damage));
                backup.Manifest.Users.Select(u => (u.Name, u.Items)).ShouldBe([("anna", 55L), ("ben", 30L)]);
                await server.StopAsync();
            }

            // The data directory (and the database) are gone: dispose deleted the root and dropped the database. Restore into
            // a new, empty one with the key kept apart.
            Directory.Exists(root).ShouldBeFalse();
            var key = MasterKey.FromBase64(await File.ReadAllTextAsync(keyFile), "file " + keyFile);
            var restoring = new BackupRepository(new DirectoryBackupTarget(backups), new BackupKeys(key));
            var dataDir = Path.Combine(root, "data");
            var storage = await InteropStorage.CreateAsync();
            var restored = await restoring.RestoreAsync(backup.Manifest.Id, new RestoreDestination(dataDir, storage.ConnectionString), null, CancellationToken.None);
            restored.Ok.ShouldBeTrue(string.Join("; ", restored.Damage));
            PrivateFiles.EnsureDirectory(dataDir);
            MasterKeyFile.Write(Path.Combine(dataDir, MasterKeyFile.FileName), key);

            await using (var server = await CofferServer.StartInAsync(root, storage, LogLevel.Information))
            {
                var check = await StoreCheck.RunAsync(server.Store, ContentHandlers.CreateDefault(), CancellationToken.None);
                check.Ok.ShouldBeTrue(string.Join("; ", check.Problems.Select(p => p.Where + ": " + p.What)));
                foreach (var user in new[] { "anna", "ben" })
                {
                    var c = await Phone.CreateAsync(env, user + "c", server.SyncUrl, user, Password);
                    var down = await c.SyncAsync(SyncMode.RefreshFromServer);
                    down.Succeeded.ShouldBeTrue(down + "\n" + server.Log);
                    foreach (var store in All)
                    {
                        PimItemComparison.NormalizeFolder(c.FolderOf(store)).ShouldBe(original[(user, store)], $"{user} {store}");
                    }

                    var ignore = await ServerItems.IgnoredRewritesAsync(server, user, DatastoreKind.Contacts);
                    PimItemNormalizer.NormalizeFolder(c.FolderOf(HarnessDatastore.Contacts), ignore)
                        .ShouldBe(PimItemNormalizer.NormalizeFolder(phoneA[user].FolderOf(HarnessDatastore.Contacts), ignore), $"{user}'s new phone holds the original phone's contacts");

                    // The original phone goes on syncing with the restored server (its new address): the server kept its
                    // anchors, so a two-way sync has nothing to exchange.
                    await phoneA[user].ConfigureAsync(["syncURL=" + server.SyncUrl]);
                    var again = await phoneA[user].SyncAsync(SyncMode.TwoWay, HarnessDatastore.Contacts);
                    again.Succeeded.ShouldBeTrue(again + "\n" + server.Log);
                    again[HarnessDatastore.Contacts].Mode.ShouldBe("two-way", again.ToString());
                    (again[HarnessDatastore.Contacts].LocalAdded + again[HarnessDatastore.Contacts].RemoteAdded).ShouldBe(0, again.ToString());
                }
            }

            // One flipped byte in one chunk of the backup: verify names that chunk.
            var chunks = backup.Manifest.Chunks;
            var part = Enumerable.Range(0, chunks.Count).Last(i => chunks.Count(c => c == chunks[i]) == 1);
            var victim = chunks[part];
            var path = Path.Combine(backups, "chunks", victim[..2], victim);
            var bytes = await File.ReadAllBytesAsync(path);
            bytes[bytes.Length - 20] ^= 0x04;
            await File.WriteAllBytesAsync(path, bytes);
            var report = await restoring.VerifyAsync(backup.Manifest.Id, null, CancellationToken.None);
            report.Ok.ShouldBeFalse();
            report.Damage.ShouldHaveSingleItem().Part.ShouldStartWith($"chunk {victim} (part {part + 1} of {chunks.Count}");
        }
        finally
        {
            File.Delete(keyFile);
            if (Directory.Exists(backups))
            {
                Directory.Delete(backups, recursive: true);
            }
        }
    }

    private static string Calendar(string user, string component, int i, string properties) =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Coffer//backup//EN\r\nBEGIN:{component}\r\nUID:{user}-{component}-{i}@coffer.test\r\nDTSTAMP:20261206T120000Z\r\n{properties}END:{component}\r\nEND:VCALENDAR\r\n";
}
