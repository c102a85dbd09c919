using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Cli.Tests;

/// <summary><c>coffer backup now|list|verify|restore</c> on a real store and a backup directory.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-cli-tests", Guid.NewGuid().ToString("N"));

    private string DataDir => Path.Combine(root, "data");

    private string Backups => Path.Combine(root, "backups");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Now_list_verify_and_restore_with_the_key_file_give_a_store_that_passes_check()
    {
        await CreateStoreAsync(25);

        var now = Cli.Run("backup", "now", "--to", Backups, "--data", DataDir);
        now.ExitCode.ShouldBe(0, now.StdErr);
        now.StdOut.ShouldContain("1 users, 25 items");
        now.StdOut.ShouldContain("verified:");
        now.StdErr.ShouldContain("write 100%");

        var again = Cli.Run("backup", "now", "--to", Backups, "--data", DataDir);
        again.ExitCode.ShouldBe(0, again.StdErr);
        again.StdOut.ShouldContain("unchanged (not rewritten)");

        var list = Cli.Run("backup", "list", "--from", Backups, "--data", DataDir);
        list.ExitCode.ShouldBe(0, list.StdErr);
        var ids = list.StdOut.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).ToList();
        ids.Count.ShouldBe(2);

        var verify = Cli.Run("backup", "verify", "--from", Backups, "--data", DataDir);
        verify.ExitCode.ShouldBe(0, verify.StdErr);
        verify.StdOut.ShouldContain("ok: every authentication tag and chunk hash matches");

        var keyFile = Path.Combine(root, "master.key.copy");
        File.Copy(Path.Combine(DataDir, MasterKeyFile.FileName), keyFile);
        var target = Path.Combine(root, "restored");
        var noKey = Cli.Run("backup", "restore", ids[0], "--from", Backups, "--to", target);
        noKey.ExitCode.ShouldBe(1);
        noKey.StdErr.ShouldContain("--master-key-file");

        var restore = Cli.Run("backup", "restore", ids[0][..24], "--from", Backups, "--to", target, "--master-key-file", keyFile);
        restore.ExitCode.ShouldBe(0, restore.StdOut + restore.StdErr);
        restore.StdOut.ShouldContain("1 users, 25 items, verified");
        restore.StdOut.ShouldContain("ok: no problems found");
        File.Exists(Path.Combine(target, MasterKeyFile.FileName)).ShouldBeTrue();
        Cli.Run("check", "--data", target).ExitCode.ShouldBe(0);

        var twice = Cli.Run("backup", "restore", ids[0], "--from", Backups, "--to", target, "--master-key-file", keyFile);
        twice.ExitCode.ShouldBe(1);
        twice.StdErr.ShouldContain("is not empty");
    }

    [Fact]
    public async Task Verify_of_a_backup_with_one_flipped_byte_fails_naming_the_damaged_chunk()
    {
        await CreateStoreAsync(60);
        Cli.Run("backup", "now", "--to", Backups, "--data", DataDir).ExitCode.ShouldBe(0);
        var chunk = Directory.GetFiles(Path.Combine(Backups, "chunks"), "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(chunk);
        bytes[bytes.Length / 2] ^= 0x80;
        File.WriteAllBytes(chunk, bytes);

        var verify = Cli.Run("backup", "verify", "latest", "--from", Backups, "--data", DataDir);

        verify.ExitCode.ShouldBe(1);
        verify.StdOut.ShouldContain($"damaged: chunk {Path.GetFileName(chunk)} (part ");
        verify.StdOut.ShouldContain("authentication tag does not match");
        verify.StdErr.ShouldContain("1 of 1 backup(s) damaged");

        var restore = Cli.Run("backup", "restore", "latest", "--from", Backups, "--to", Path.Combine(root, "r"), "--master-key-file", Path.Combine(DataDir, MasterKeyFile.FileName));
        restore.ExitCode.ShouldBe(1);
        restore.StdErr.ShouldContain("nothing was restored");
        Directory.Exists(Path.Combine(root, "r")).ShouldBeFalse();
    }

    private async Task CreateStoreAsync(int count)
    {
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = DataDir });
        await using var uow = await store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync("alice", "h"))!;
        var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
        await uow.Items.AddAsync(ds, Enumerable.Range(0, count).Select(i => new NewItem("text/vcard", System.Text.Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nN:P{i};A;;;\r\nFN:A P{i}\r\nEND:VCARD\r\n"), "web")).ToList());
        await uow.CommitAsync();
    }
}
