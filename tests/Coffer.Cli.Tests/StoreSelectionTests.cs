using System.Net;
using System.Net.Sockets;
using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.TestData;
using Npgsql;

namespace Coffer.Cli.Tests;

/// <summary>
/// How a verb finds its store: --data/--provider/--connection, else the server's settings; and the one-line errors
/// for a store that is not there, a database without the Coffer schema, one that cannot be reached.
/// </summary>
public sealed class StoreSelectionTests : StoreTestBase
{
    [Theory, Providers]
    public async Task The_servers_settings_alone_choose_the_store_and_the_options_win_over_them(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        await using (var store = Test.Open())
        {
            await using var uow = await store.BeginAsync();
            await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("pw", 1000));
            await uow.CommitAsync();
        }

        var list = Cli.RunWith(Test.Settings, "user", "list");
        list.ExitCode.ShouldBe(0, list.StdErr);
        list.StdOut.ShouldContain("alice");

        var elsewhere = Path.Combine(Test.Root, "elsewhere");
        var overridden = Cli.RunWith(Test.Settings, "user", "list", "--provider", "sqlite", "--data", elsewhere);
        overridden.ExitCode.ShouldBe(1);
        overridden.StdErr.ShouldContain($"no Coffer store in {elsewhere}");
        Directory.Exists(elsewhere).ShouldBeFalse();
    }

    [Fact]
    public async Task A_database_without_the_Coffer_schema_is_an_error_for_every_verb_until_user_add_creates_it()
    {
        await CreateStoreAsync(StoreProvider.Postgres);
        string[][] verbs =
        [
            ["keys", "status"], ["keys", "rotate"], ["keys", "confirm"], ["check"], ["user", "list"], ["quota", "show", "alice"],
            ["area", "list", "alice", "contacts"], ["history", "deleted", "alice"],
        ];
        foreach (var verb in verbs)
        {
            var result = Cli.Run([.. verb, .. Test.Args]);
            result.ExitCode.ShouldBe(1, string.Join(' ', verb));
            result.StdErr.ShouldContain($"PostgreSQL database {Test.Database} holds no Coffer store", customMessage: string.Join(' ', verb));
        }

        (await SchemaExistsAsync(Test.ConnectionString!)).ShouldBeFalse();
        Directory.Exists(Test.DataDir).ShouldBeFalse("no master key file is made for a store that is not there");

        var add = CofferAdd(Test.Args);
        add.ExitCode.ShouldBe(0, add.StdErr);
        add.StdOut.ShouldContain($"created user 'alice' in PostgreSQL database {Test.Database}");
        (await SchemaExistsAsync(Test.ConnectionString!)).ShouldBeTrue();
        Cli.Run(["user", "list", .. Test.Args]).StdOut.ShouldContain("alice");
    }

    [Fact]
    public void A_database_that_cannot_be_reached_or_does_not_exist_is_one_line_naming_it()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var unreachable = Cli.Run("keys", "status", "--provider", "postgres", "--connection", $"Host=127.0.0.1;Port={port};Database=coffer;Username=coffer;Password=hunter2;Timeout=5");
        unreachable.ExitCode.ShouldBe(1);
        unreachable.StdErr.ShouldStartWith("coffer: cannot reach PostgreSQL database coffer: ");
        unreachable.StdErr.ShouldNotContain("hunter2");
        unreachable.StdErr.Trim().Split('\n').Length.ShouldBe(1);

        var missing = $"nosuch_{Guid.NewGuid():N}";
        var noDatabase = Cli.Run("check", "--provider", "postgres", "--connection", PostgresCluster.Shared.ConnectionString(missing));
        noDatabase.ExitCode.ShouldBe(1);
        noDatabase.StdErr.ShouldContain($"cannot reach PostgreSQL database {missing}: ");
        noDatabase.StdErr.ShouldContain("does not exist");
    }

    [Fact]
    public void A_provider_without_its_connection_string_or_an_unknown_provider_is_an_error()
    {
        var noConnection = Cli.RunWith(new Dictionary<string, string?> { ["Coffer:Storage:Provider"] = "postgres" }, "check");
        noConnection.ExitCode.ShouldBe(1);
        noConnection.StdErr.ShouldContain("needs a connection string");

        var unknown = Cli.Run("check", "--provider", "mysql");
        unknown.ExitCode.ShouldBe(1);
        unknown.StdErr.ShouldContain("unknown storage provider 'mysql'");
    }

    [Fact]
    public async Task Backup_now_on_PostgreSQL_backs_the_database_up()
    {
        await CreateStoreAsync(StoreProvider.Postgres);
        CofferAdd(Test.Args).ExitCode.ShouldBe(0);

        var backup = Cli.Run(["backup", "now", "--to", Path.Combine(Test.Root, "backups"), .. Test.Args]);

        backup.ExitCode.ShouldBe(0, backup.StdOut + backup.StdErr);
        backup.StdOut.ShouldContain("1 users, 0 items");
        Directory.Exists(Path.Combine(Test.Root, "backups", "snapshots")).ShouldBeTrue();
    }

    // user add reads the password from standard input, which the in-process runner does not give: the executable does.
    private static CliResult CofferAdd(string[] store) =>
        CofferExecutable.Run(Path.GetTempPath(), new Dictionary<string, string?>(), ["user", "add", "alice", "--password-stdin", .. store], "s3cret\n");

    private static async Task<bool> SchemaExistsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
