using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;
using Coffer.TestData;

namespace Coffer.Backup.Tests;

/// <summary>
/// Backups in an S3 bucket through AWSSDK.S3, against s3rver, an S3-compatible server on 127.0.0.1: back up, back up
/// again (only changed chunks written), list, verify, prune, restore; a flipped byte in a stored object is named.
/// </summary>
public sealed class S3BackupTargetTests : IDisposable
{
    private const string Bucket = "coffer-backups";
    private readonly S3rverServer server = S3rverServer.Start(Bucket);

    static S3BackupTargetTests()
    {
        // The AWS SDK takes credentials only from its chain (docs/backup.md); s3rver's are fixed. No other test uses them.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3rverServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3rverServer.SecretKey);
    }

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task A_backup_in_an_S3_bucket_lists_verifies_prunes_and_restores_the_same_items()
    {
        await using var t = new TestStore();
        var contacts = await t.AddUserAsync("alice", 400);
        await t.AddUserAsync("bob", 30);
        await using var target = Target();
        var repository = new BackupRepository(target, new BackupKeys(t.Master));

        var first = await repository.CreateAsync(t.Source, keep: 1, progress: null, CancellationToken.None);
        first.Ok.ShouldBeTrue(string.Join("; ", first.Verify.Damage));
        first.Manifest.NewChunks.ShouldBe(first.Manifest.Chunks.Count);
        target.Description.ShouldBe($"s3://{Bucket}/coffer/ at {server.Endpoint}");

        await t.ReplaceFirstAsync(contacts, TestStore.Card("changed", 1));
        var before = await TestStore.ContentsAsync(t.Store);
        var second = await repository.CreateAsync(t.Source, keep: 1, progress: null, CancellationToken.None);
        second.Ok.ShouldBeTrue(string.Join("; ", second.Verify.Damage));
        second.Manifest.NewChunks.ShouldBeGreaterThan(0);
        second.Manifest.NewChunks.ShouldBeLessThan(second.Manifest.Chunks.Count, "unchanged chunks are not written again");
        second.Prune.ShouldNotBeNull().DeletedBackups.ShouldBe([first.Manifest.Id]);

        var listed = await repository.ListAsync(CancellationToken.None);
        listed.Select(e => e.Id).ShouldBe([second.Manifest.Id]);
        listed.Single().Manifest.ShouldNotBeNull().TotalItems.ShouldBe(430);
        File.Exists(server.ObjectFile("coffer/lock")).ShouldBeFalse("the writer's lock object is deleted when it is done");

        var verify = await repository.VerifyAsync(second.Manifest.Id, null, CancellationToken.None);
        verify.Ok.ShouldBeTrue(string.Join("; ", verify.Damage));
        verify.ChunksRead.ShouldBe(second.Manifest.Chunks.Count);

        var restored = Path.Combine(t.Root, "restored");
        var report = await repository.RestoreAsync(second.Manifest.Id, restored, null, CancellationToken.None);
        report.Ok.ShouldBeTrue(string.Join("; ", report.Damage));
        MasterKeyFile.Write(Path.Combine(restored, MasterKeyFile.FileName), t.Master);
        await using (var store = new SqliteCofferStore(new StorageOptions { DataDir = restored }))
        {
            (await TestStore.ContentsAsync(store)).ShouldBe(before);
            var check = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault(), CancellationToken.None);
            check.Ok.ShouldBeTrue(string.Join("; ", check.Problems.Select(p => p.Where + ": " + p.What)));
        }

        // One flipped byte in a stored chunk: verify names that chunk.
        var chunk = (await target.ListAsync("chunks/", CancellationToken.None)).Keys.Order(StringComparer.Ordinal).First();
        var file = server.ObjectFile("coffer/" + chunk);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);
        var damaged = await repository.VerifyAsync(second.Manifest.Id, null, CancellationToken.None);
        damaged.Ok.ShouldBeFalse();
        damaged.Damage.ShouldContain(d => d.ToString()!.Contains(Path.GetFileName(chunk), StringComparison.Ordinal), string.Join("; ", damaged.Damage));
    }

    private S3BackupTarget Target() => new(new S3BackupOptions { Bucket = Bucket, Prefix = "coffer/", Endpoint = server.Endpoint, Region = "us-east-1" });
}
