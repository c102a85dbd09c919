using System.Text;
using Coffer.Storage;
using Coffer.Storage.Postgres;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;
using Npgsql;

namespace Coffer.Backup.Tests;

/// <summary>
/// Backups of a real PostgreSQL store (the test process's private cluster): round trip into an empty database,
/// content-defined chunks that make the next backup incremental, damage named, refusals, consistency under writes.
/// </summary>
public sealed class PostgresBackupTests
{
    [Fact]
    public async Task A_backup_restored_into_an_empty_database_holds_the_same_data_and_ids_go_on_where_they_were()
    {
        await using var t = await PgTestStore.CreateAsync();
        var ds = await t.AddUserAsync("alice", 300);
        await t.AddUserAsync("bob", 40);
        await TestStore.ReplaceFirstAsync(t.Store, ds, TestStore.Card("changed", 1));
        await using (var uow = await t.Store.BeginAsync())
        {
            var first = (await uow.Items.ListLiveAsync(ds, 0, 2))[1];
            await uow.Items.DeleteAsync(ds, [new ItemDeletion(first.Id, "web")]);
            var alice = (await uow.Users.FindByNameAsync("alice"))!;
            await uow.Devices.RegisterAccessAsync(alice.Id, "phone-1");
            await uow.CommitAsync();
        }

        var before = await TestStore.ContentsAsync(t.Store);
        var result = await t.Repository().CreateAsync(t.Source, keep: 7, progress: null, CancellationToken.None);

        result.Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));
        result.Manifest.Source.ShouldBe("postgres");
        result.Manifest.SchemaVersion.ShouldBe(PostgresSchema.Latest);
        result.Manifest.Users.Select(u => (u.Name, u.Items, u.Versions)).ShouldBe([("alice", 299L, 302L), ("bob", 40L, 40L)]);
        result.Manifest.ChunkLengths.ShouldNotBeNull().Sum(l => (long)l).ShouldBe(result.Manifest.FileLength);
        Directory.Exists(Path.Combine(t.DataDir, SqliteBackupSource.WorkDirectoryName)).ShouldBeFalse("the snapshot is removed");

        var target = await t.EmptyDatabaseAsync();
        var restoredDir = Path.Combine(t.Root, "restored");
        var report = await t.Repository().RestoreAsync(result.Manifest.Id, new RestoreDestination(restoredDir, target), progress: null, CancellationToken.None);
        report.Ok.ShouldBeTrue(string.Join("; ", report.Damage));
        Directory.Exists(restoredDir).ShouldBeFalse("nothing is left in the data directory but what was there");

        await using var store = new PostgresCofferStore(target, new StorageOptions { DataDir = t.DataDir });
        (await TestStore.ContentsAsync(store)).ShouldBe(before);
        var check = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault(), CancellationToken.None);
        check.Ok.ShouldBeTrue(string.Join("; ", check.Problems.Select(p => p.Where + ": " + p.What)));
        check.Items.ShouldBe(340, "every item row, the tombstone of the deleted one too");
        await using (var uow = await store.BeginReadAsync())
        {
            var alice = (await uow.Users.FindByNameAsync("alice"))!;
            (await uow.Devices.ListAsync(alice.Id)).ShouldHaveSingleItem().DeviceId.ShouldBe("phone-1");
        }

        // Identity sequences go on from the backed-up values: new rows get new ids, not ones the backup holds.
        var carol = await TestStore.AddUserAsync(store, "carol", 3);
        await using (var uow = await store.BeginReadAsync())
        {
            (await uow.Users.FindByNameAsync("carol"))!.Id.ShouldBe(3);
        }

        carol.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task A_second_backup_after_a_few_changes_stores_only_the_chunks_around_them()
    {
        await using var t = await PgTestStore.CreateAsync();
        var ds = await t.AddUserAsync("alice", 3000);
        await t.AddUserAsync("bob", 1000);
        // 16 KiB chunks on average: about 80 for this store, however the master key seeds the chunker.
        var repository = new BackupRepository(new DirectoryBackupTarget(t.BackupDir), new BackupKeys(t.Master)) { ChunkSize = 16 * 1024 };
        var first = await repository.CreateAsync(t.Source, 7, null, CancellationToken.None);
        first.Ok.ShouldBeTrue(string.Join("; ", first.Verify.Damage));
        first.Manifest.Chunks.Count.ShouldBeGreaterThan(40);

        await TestStore.ReplaceFirstAsync(t.Store, ds, TestStore.Card("changed", 1));
        await TestStore.AddUserAsync(t.Store, "carol", 5);
        var second = await repository.CreateAsync(t.Source, 7, null, CancellationToken.None);

        second.Ok.ShouldBeTrue(string.Join("; ", second.Verify.Damage));
        second.Manifest.FileLength.ShouldNotBe(first.Manifest.FileLength);
        second.Manifest.NewChunks.ShouldBeLessThan(second.Manifest.Chunks.Count / 4, $"{second.Manifest.NewChunks} of {second.Manifest.Chunks.Count} chunks rewritten");
        second.Manifest.NewBytes.ShouldBeLessThan(first.Manifest.NewBytes / 4);
        var stored = Directory.GetFiles(Path.Combine(t.BackupDir, "chunks"), "*", SearchOption.AllDirectories);
        stored.Length.ShouldBe(first.Manifest.Chunks.Concat(second.Manifest.Chunks).Distinct().Count(), "each distinct chunk is stored once");
    }

    [Fact]
    public async Task A_flipped_byte_is_named_with_its_chunk_and_no_object_holds_the_content_in_clear()
    {
        await using var t = await PgTestStore.CreateAsync();
        const string marker = "Wombat-marker-41c";
        await t.AddUserAsync("alice", 400, marker);
        var repository = t.Repository();
        var result = await repository.CreateAsync(t.Source, 7, null, CancellationToken.None);
        result.Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));
        foreach (var file in Directory.GetFiles(t.BackupDir, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)).ShouldBe(-1, file);
            bytes.AsSpan().IndexOf("alice"u8).ShouldBe(-1, file);
            bytes.AsSpan().IndexOf("PGCOPY"u8).ShouldBe(-1, file);
            bytes.AsSpan().IndexOf("CFPGSNAP"u8).ShouldBe(-1, file);
        }

        var spans = result.Manifest.Spans();
        var part = 1;
        var victim = result.Manifest.Chunks[part];
        var path = Path.Combine(t.BackupDir, "chunks", victim[..2], victim);
        var stored = File.ReadAllBytes(path);
        stored[stored.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, stored);

        var report = await repository.VerifyAsync(result.Manifest.Id, null, CancellationToken.None);
        report.Ok.ShouldBeFalse();
        var damage = report.Damage.ShouldHaveSingleItem();
        damage.Part.ShouldBe($"chunk {victim} (part 2 of {spans.Count}, bytes {spans[part].Offset}-{spans[part].Offset + spans[part].Length - 1})");
        damage.What.ShouldContain("authentication tag does not match");

        var target = await t.EmptyDatabaseAsync();
        var restore = await repository.RestoreAsync(result.Manifest.Id, new RestoreDestination(Path.Combine(t.Root, "restored"), target), null, CancellationToken.None);
        restore.Ok.ShouldBeFalse();
        (await TableCountAsync(target)).ShouldBe(0L, "nothing is restored from a damaged backup");
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_is_not_empty_and_a_destination_of_the_other_kind()
    {
        await using var t = await PgTestStore.CreateAsync();
        await t.AddUserAsync("alice", 10);
        var result = await t.Repository().CreateAsync(t.Source, 7, null, CancellationToken.None);
        result.Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));

        var used = await Should.ThrowAsync<BackupException>(() => t.Repository().RestoreAsync(result.Manifest.Id, new RestoreDestination(Path.Combine(t.Root, "x"), t.ConnectionString), null, CancellationToken.None));
        used.Message.ShouldContain("is not empty");

        var intoDirectory = await Should.ThrowAsync<BackupException>(() => t.Repository().RestoreAsync(result.Manifest.Id, Path.Combine(t.Root, "sqlite"), null, CancellationToken.None));
        intoDirectory.Message.ShouldContain("restore it into an empty PostgreSQL database");
        Directory.Exists(Path.Combine(t.Root, "sqlite")).ShouldBeFalse();

        await using var sqlite = new TestStore();
        await sqlite.AddUserAsync("bob", 5);
        var sqliteBackup = await sqlite.Repository().CreateAsync(sqlite.Source, 7, null, CancellationToken.None);
        var empty = await t.EmptyDatabaseAsync();
        var intoDatabase = await Should.ThrowAsync<BackupException>(() => sqlite.Repository().RestoreAsync(sqliteBackup.Manifest.Id, new RestoreDestination(Path.Combine(t.Root, "y"), empty), null, CancellationToken.None));
        intoDatabase.Message.ShouldContain("backup of a SQLite store");
    }

    [Fact]
    public async Task A_backup_taken_while_writers_commit_is_one_consistent_state()
    {
        await using var t = await PgTestStore.CreateAsync();
        var ds = await t.AddUserAsync("alice", 500);
        using var stop = new CancellationTokenSource();
        var added = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var uow = await t.Store.BeginAsync();
                await uow.Items.AddAsync(ds, [new NewItem("text/vcard", Encoding.UTF8.GetBytes(TestStore.Card("live", added)), "web")]);
                await uow.CommitAsync();
                added++;
            }
        });

        var results = new List<BackupResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await t.Repository().CreateAsync(t.Source, 7, null, CancellationToken.None));
        }

        await stop.CancelAsync();
        await writer;
        added.ShouldBeGreaterThan(0);
        foreach (var result in results)
        {
            // Verify counts the reassembled COPY data itself: the counts taken in the snapshot must match it exactly.
            result.Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));
            var user = result.Manifest.Users.ShouldHaveSingleItem();
            user.Items.ShouldBe(user.Versions);
            user.Items.ShouldBeGreaterThanOrEqualTo(500);
        }
    }

    private static async Task<long> TableCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
