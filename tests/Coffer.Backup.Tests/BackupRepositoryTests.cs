using System.Text;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;
using Microsoft.Data.Sqlite;

namespace Coffer.Backup.Tests;

/// <summary>Backups of a real SQLite store in a directory: round trip, incremental writes, dedupe, damage named, prune.</summary>
public sealed class BackupRepositoryTests
{
    [Fact]
    public async Task A_backup_restored_into_an_empty_directory_holds_the_same_items_and_passes_the_store_check()
    {
        await using var t = new TestStore();
        await t.AddUserAsync("alice", 300);
        await t.AddUserAsync("bob", 40);
        var before = await TestStore.ContentsAsync(t.Store);

        var result = await t.Repository().CreateAsync(t.Source, keep: 7, progress: null, CancellationToken.None);

        result.Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));
        result.Manifest.Users.Select(u => (u.Name, u.Items, u.Versions)).ShouldBe([("alice", 300L, 300L), ("bob", 40L, 40L)]);
        result.Manifest.MasterKeyId.ShouldBe(t.Master.Id);
        result.Manifest.Chunks.Count.ShouldBe((int)((result.Manifest.FileLength + BackupRepository.DefaultChunkSize - 1) / BackupRepository.DefaultChunkSize));
        Directory.Exists(Path.Combine(t.DataDir, SqliteBackupSource.WorkDirectoryName)).ShouldBeFalse("the snapshot is removed");

        var restored = Path.Combine(t.Root, "restored");
        var report = await t.Repository().RestoreAsync(result.Manifest.Id, restored, progress: null, CancellationToken.None);
        report.Ok.ShouldBeTrue(string.Join("; ", report.Damage));
        Directory.GetFileSystemEntries(restored).Select(Path.GetFileName).ShouldBe(["coffer.db"]);
        MasterKeyFile.Write(Path.Combine(restored, MasterKeyFile.FileName), t.Master);

        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = restored });
        (await TestStore.ContentsAsync(store)).ShouldBe(before);
        var check = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault(), CancellationToken.None);
        check.Ok.ShouldBeTrue(string.Join("; ", check.Problems.Select(p => p.Where + ": " + p.What)));
        check.Items.ShouldBe(340);
    }

    [Fact]
    public async Task A_second_backup_after_a_small_change_rewrites_only_the_chunks_whose_pages_changed()
    {
        await using var t = new TestStore();
        var ds = await t.AddUserAsync("alice", 3000);
        var repository = t.Repository();
        var first = await repository.CreateAsync(t.Source, 7, null, CancellationToken.None);
        first.Manifest.NewChunks.ShouldBe(first.Manifest.Chunks.Distinct().Count());

        await t.ReplaceFirstAsync(ds, TestStore.Card("changed", 1));
        var second = await repository.CreateAsync(t.Source, 7, null, CancellationToken.None);

        second.Ok.ShouldBeTrue();
        second.Manifest.Chunks.Count.ShouldBeGreaterThan(20);
        second.Manifest.NewChunks.ShouldBeGreaterThan(0);
        second.Manifest.NewChunks.ShouldBeLessThan(second.Manifest.Chunks.Count / 4, $"{second.Manifest.NewChunks} of {second.Manifest.Chunks.Count} chunks rewritten");
        second.Manifest.NewBytes.ShouldBeLessThan(first.Manifest.NewBytes / 4);
        var stored = Directory.GetFiles(Path.Combine(t.BackupDir, "chunks"), "*", SearchOption.AllDirectories);
        stored.Length.ShouldBe(first.Manifest.Chunks.Concat(second.Manifest.Chunks).Distinct().Count(), "each distinct chunk is stored once");
    }

    [Fact]
    public async Task Chunk_names_are_keyed_hashes_and_no_object_holds_the_content_in_clear()
    {
        await using var t = new TestStore();
        const string marker = "Quokka-marker-9f3";
        await t.AddUserAsync("alice", 50, marker);
        var result = await t.Repository().CreateAsync(t.Source, 7, null, CancellationToken.None);
        result.Ok.ShouldBeTrue();

        var keys = new BackupKeys(t.Master);
        var other = new BackupKeys(MasterKey.Generate("test"));
        var chunk = new byte[4096];
        keys.ChunkId(chunk).ShouldNotBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(chunk)));
        keys.ChunkId(chunk).ShouldNotBe(other.ChunkId(chunk));
        foreach (var file in Directory.GetFiles(t.BackupDir, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)).ShouldBe(-1, file);
            bytes.AsSpan().IndexOf("alice"u8).ShouldBe(-1, file);
            bytes.AsSpan().IndexOf("SQLite format"u8).ShouldBe(-1, file);
        }
    }

    [Fact]
    public async Task One_flipped_byte_in_a_chunk_or_the_manifest_fails_verify_naming_the_damaged_part()
    {
        await using var t = new TestStore();
        await t.AddUserAsync("alice", 200);
        var repository = t.Repository();
        var result = await repository.CreateAsync(t.Source, 7, null, CancellationToken.None);
        var id = result.Manifest.Id;
        (await repository.VerifyAsync(id, null, CancellationToken.None)).Ok.ShouldBeTrue();

        var victim = result.Manifest.Chunks[2];
        var path = Path.Combine(t.BackupDir, "chunks", victim[..2], victim);
        Flip(path, 100);
        var report = await repository.VerifyAsync(id, null, CancellationToken.None);
        report.Ok.ShouldBeFalse();
        var damage = report.Damage.ShouldHaveSingleItem();
        damage.Part.ShouldStartWith($"chunk {victim} (part 3 of {result.Manifest.Chunks.Count}, bytes 131072-");
        damage.What.ShouldContain("authentication tag does not match");
        Flip(path, 100);

        var manifest = Path.Combine(t.BackupDir, "snapshots", id);
        Flip(manifest, new FileInfo(manifest).Length - 3);
        var bad = await repository.VerifyAsync(id, null, CancellationToken.None);
        bad.Ok.ShouldBeFalse();
        bad.Damage.ShouldHaveSingleItem().Part.ShouldBe("manifest " + id);
        Flip(manifest, new FileInfo(manifest).Length - 3);

        File.Delete(path);
        var missing = await repository.VerifyAsync(id, null, CancellationToken.None);
        missing.Damage.ShouldHaveSingleItem().ToString().ShouldBe($"chunk {victim} (part 3 of {result.Manifest.Chunks.Count}, bytes 131072-196607): missing");
    }

    [Fact]
    public async Task A_chunk_stored_under_another_name_or_opened_with_another_master_key_does_not_open()
    {
        await using var t = new TestStore();
        await t.AddUserAsync("alice", 100);
        var result = await t.Repository().CreateAsync(t.Source, 7, null, CancellationToken.None);
        var (a, b) = (result.Manifest.Chunks[0], result.Manifest.Chunks[1]);
        File.Copy(Path.Combine(t.BackupDir, "chunks", b[..2], b), Path.Combine(t.BackupDir, "chunks", a[..2], a), overwrite: true);

        var report = await t.Repository().VerifyAsync(result.Manifest.Id, null, CancellationToken.None);
        report.Damage.ShouldHaveSingleItem().Part.ShouldStartWith($"chunk {a} (part 1 of");

        var stranger = await t.Repository(MasterKey.Generate("other")).VerifyAsync(result.Manifest.Id, null, CancellationToken.None);
        stranger.Damage.ShouldHaveSingleItem().What.ShouldContain($"sealed under master key {t.Master.Id}");
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_backups_and_deletes_only_chunks_no_kept_backup_uses()
    {
        await using var t = new TestStore();
        var ds = await t.AddUserAsync("alice", 400);
        var repository = t.Repository();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await t.ReplaceFirstAsync(ds, TestStore.Card("round", i));
            var result = await repository.CreateAsync(t.Source, keep: 2, null, CancellationToken.None);
            result.Ok.ShouldBeTrue();
            ids.Add(result.Manifest.Id);
        }

        var listed = await repository.ListAsync(CancellationToken.None);
        listed.Select(e => e.Id).ShouldBe(ids.TakeLast(2));
        var used = listed.SelectMany(e => e.Manifest!.Chunks).ToHashSet();
        var stored = Directory.GetFiles(Path.Combine(t.BackupDir, "chunks"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        stored.ShouldBe(used, ignoreOrder: true);
        foreach (var id in ids.TakeLast(2))
        {
            (await repository.VerifyAsync(id, null, CancellationToken.None)).Ok.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Restore_refuses_a_data_directory_that_is_not_empty_and_the_backup_directory_is_private()
    {
        await using var t = new TestStore();
        await t.AddUserAsync("alice", 10);
        var result = await t.Repository().CreateAsync(t.Source, 7, null, CancellationToken.None);

        var e = await Should.ThrowAsync<BackupException>(() => t.Repository().RestoreAsync(result.Manifest.Id, t.DataDir, null, CancellationToken.None));
        e.Message.ShouldContain("is not empty");

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(t.BackupDir).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (var file in Directory.GetFiles(t.BackupDir, "*", SearchOption.AllDirectories))
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
            }
        }
    }

    [Fact]
    public async Task A_backup_taken_while_a_writer_commits_is_one_consistent_state()
    {
        await using var t = new TestStore();
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
        foreach (var result in results)
        {
            // Verification re-counts the reassembled snapshot: the counts taken at snapshot time must match it exactly.
            result.Ok.ShouldBeTrue(string.Join("; ", result.Verify.Damage));
            var user = result.Manifest.Users.ShouldHaveSingleItem();
            user.Items.ShouldBe(user.Versions);
            user.Items.ShouldBeGreaterThanOrEqualTo(500);
        }
    }

    private static void Flip(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x01));
    }
}
