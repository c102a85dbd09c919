using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Tests;

/// <summary>
/// The real executable finds the store the way the server does: from the environment variables that start the server
/// (Coffer__DataDir, Coffer__Storage__Provider, Coffer__Storage__ConnectionString, COFFER_MASTER_KEY), and from an
/// appsettings.json in the current directory.
/// </summary>
public sealed class ServerEnvironmentTests : StoreTestBase
{
    [Fact]
    public async Task The_environment_that_starts_the_server_on_PostgreSQL_points_every_verb_at_its_store_and_key()
    {
        await CreateStoreAsync(StoreProvider.Postgres);
        var key = MasterKey.Generate("test");
        Directory.CreateDirectory(Test.Root);
        var environment = new Dictionary<string, string?>
        {
            ["Coffer__DataDir"] = Test.DataDir,
            ["Coffer__Storage__Provider"] = "postgres",
            ["Coffer__Storage__ConnectionString"] = Test.ConnectionString,
            ["COFFER_MASTER_KEY"] = key.ToBase64(),
        };

        var add = CofferExecutable.Run(Test.Root, environment, ["user", "add", "alice", "--password-stdin", "--md5"], "s3cret\n");
        add.ExitCode.ShouldBe(0, add.StdErr);
        add.StdOut.ShouldContain($"in PostgreSQL database {Test.Database}");

        var status = CofferExecutable.Run(Test.Root, environment, ["keys", "status"]);
        status.ExitCode.ShouldBe(0, status.StdErr);
        status.StdOut.ShouldContain($"store: PostgreSQL database {Test.Database}");
        status.StdOut.ShouldContain($"master key: {key.Id} (environment COFFER_MASTER_KEY)");
        status.StdOut.ShouldContain($"by {key.Id}");
        File.Exists(Path.Combine(Test.DataDir, MasterKeyFile.FileName)).ShouldBeFalse();

        var check = CofferExecutable.Run(Test.Root, environment, ["check"]);
        check.ExitCode.ShouldBe(0, check.StdOut + check.StdErr);
        // The MD5 credential and the two SIP HA1s (MD5, SHA-256) `user add` sealed.
        check.StdOut.ShouldContain($"checked 1 users, 0 items, 3 stored payloads in PostgreSQL database {Test.Database}");
    }

    [Theory, Providers]
    public async Task An_appsettings_json_in_the_current_directory_is_read_as_the_server_reads_it(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        Directory.CreateDirectory(Test.Root);
        var storage = provider == StoreProvider.Postgres
            ? $", \"Storage\": {{ \"Provider\": \"postgres\", \"ConnectionString\": \"{Test.ConnectionString}\" }}"
            : string.Empty;
        await File.WriteAllTextAsync(
            Path.Combine(Test.Root, "appsettings.json"),
            $"{{ \"Coffer\": {{ \"DataDir\": \"data\"{storage}, \"Quota\": {{ \"MaxItems\": 1234 }} }} }}");
        var none = new Dictionary<string, string?>();

        CofferExecutable.Run(Test.Root, none, ["user", "add", "alice", "--password-stdin"], "s3cret\n").ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(Test.DataDir, MasterKeyFile.FileName)).ShouldBeTrue("the relative DataDir is the current directory's data/");

        var quota = CofferExecutable.Run(Test.Root, none, ["quota", "show", "alice"]);
        quota.ExitCode.ShouldBe(0, quota.StdErr);
        quota.StdOut.ShouldContain("items 0 of 1234 (server default)");
    }
}
