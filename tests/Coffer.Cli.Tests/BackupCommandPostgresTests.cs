using Coffer.Storage;
using Coffer.Storage.Postgres;
using Coffer.TestData;

namespace Coffer.Cli.Tests;

/// <summary><c>coffer backup now|verify|restore</c> on a PostgreSQL store of the private test cluster.</summary>
public sealed class BackupCommandPostgresTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly List<string> databases = [];

    private static PostgresCluster Cluster => PostgresCluster.Shared;

    private string DataDir => Path.Combine(root, "data");

    private string Backups => Path.Combine(root, "backups");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            await Cluster.DropDatabaseAsync(database);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Now_verify_and_restore_into_an_empty_database_give_a_store_that_passes_check()
    {
        var source = await DatabaseAsync();
        await using (var store = new PostgresCofferStore(source, new StorageOptions { DataDir = DataDir }))
        {
            await using var uow = await store.BeginAsync();
            var user = (await uow.Users.TryCreateAsync("alice", "h"))!;
            var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
            await uow.Items.AddAsync(ds, Enumerable.Range(0, 25).Select(i => new NewItem("text/vcard", System.Text.Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nN:P{i};A;;;\r\nFN:A P{i}\r\nEND:VCARD\r\n"), "web")).ToList());
            await uow.CommitAsync();
        }

        var now = Cli.Run("backup", "now", "--to", Backups, "--data", DataDir, "--provider", "postgres", "--connection", source);
        now.ExitCode.ShouldBe(0, now.StdOut + now.StdErr);
        now.StdOut.ShouldContain("1 users, 25 items");
        now.StdOut.ShouldContain("verified:");

        var verify = Cli.Run("backup", "verify", "--from", Backups, "--data", DataDir);
        verify.ExitCode.ShouldBe(0, verify.StdOut + verify.StdErr);
        verify.StdOut.ShouldContain("ok: every authentication tag and chunk hash matches");

        var keyFile = Path.Combine(root, "master.key.copy");
        File.Copy(Path.Combine(DataDir, MasterKeyFile.FileName), keyFile);
        var target = Path.Combine(root, "restored");
        var intoDirectory = Cli.Run("backup", "restore", "latest", "--from", Backups, "--to", target, "--master-key-file", keyFile);
        intoDirectory.ExitCode.ShouldBe(1);
        intoDirectory.StdErr.ShouldContain("restore it into an empty PostgreSQL database");

        var intoUsed = Cli.Run("backup", "restore", "latest", "--from", Backups, "--to", target, "--master-key-file", keyFile, "--provider", "postgres", "--connection", source);
        intoUsed.ExitCode.ShouldBe(1);
        intoUsed.StdErr.ShouldContain("is not empty");

        var empty = await DatabaseAsync();
        var restore = Cli.Run("backup", "restore", "latest", "--from", Backups, "--to", target, "--master-key-file", keyFile, "--provider", "postgres", "--connection", empty);
        restore.ExitCode.ShouldBe(0, restore.StdOut + restore.StdErr);
        restore.StdOut.ShouldContain("1 users, 25 items, verified");
        restore.StdOut.ShouldContain("ok: no problems found");
        File.Exists(Path.Combine(target, MasterKeyFile.FileName)).ShouldBeTrue();
    }

    private async Task<string> DatabaseAsync()
    {
        var name = await Cluster.CreateDatabaseAsync("cli_backup");
        databases.Add(name);
        return Cluster.ConnectionString(name);
    }
}
