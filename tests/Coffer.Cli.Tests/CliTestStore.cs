using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.TestData;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coffer.Cli.Tests;

/// <summary>
/// Where one CLI test keeps its store: a new data directory (the SQLite file, and for both providers the master key
/// file), and for PostgreSQL a new database of the shared private cluster. <see cref="Args"/> point a verb at it the
/// way an operator would; <see cref="Open"/> reads and writes it behind the CLI's back.
/// </summary>
public sealed class CliTestStore : IAsyncDisposable
{
    private CliTestStore(StoreProvider provider, string root, string? database)
    {
        Provider = provider;
        Root = root;
        Database = database;
    }

    public StoreProvider Provider { get; }

    /// <summary>A temporary directory that holds <see cref="DataDir"/>; the test may put other files next to it.</summary>
    public string Root { get; }

    public string DataDir => Path.Combine(Root, "data");

    public string? Database { get; }

    public string? ConnectionString => Database is null ? null : PostgresCluster.Shared.ConnectionString(Database);

    /// <summary>The options that name this store on a verb's command line.</summary>
    public string[] Args => Provider == StoreProvider.Sqlite
        ? ["--data", DataDir]
        : ["--data", DataDir, "--provider", "postgres", "--connection", ConnectionString!];

    /// <summary>The same store as the server's settings name it (what the environment variables would hold).</summary>
    public Dictionary<string, string?> Settings => Provider == StoreProvider.Sqlite
        ? new() { ["Coffer:DataDir"] = DataDir }
        : new() { ["Coffer:DataDir"] = DataDir, ["Coffer:Storage:Provider"] = "postgres", ["Coffer:Storage:ConnectionString"] = ConnectionString };

    /// <summary>A store with no schema yet: an empty directory, or an empty database.</summary>
    public static async Task<CliTestStore> CreateAsync(StoreProvider provider)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-cli-tests", Guid.NewGuid().ToString("N")[..12]);
        var database = provider == StoreProvider.Postgres ? await PostgresCluster.Shared.CreateDatabaseAsync("cli") : null;
        return new CliTestStore(provider, root, database);
    }

    public ICofferStore Open(string? masterKey = null) =>
        StoreFactory.Create(Provider, ConnectionString, new StorageOptions { DataDir = DataDir, MasterKey = masterKey, MasterKeySource = "test" });

    /// <summary>Every stored item version's payload as the database holds it (encrypted), by item and version.</summary>
    public async Task<Dictionary<string, byte[]>> RawPayloadsAsync()
    {
        const string Sql = "SELECT item_id, version, payload FROM item_versions WHERE payload IS NOT NULL";
        var payloads = new Dictionary<string, byte[]>();
        if (Provider == StoreProvider.Sqlite)
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "coffer.db")};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = new SqliteCommand(Sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                payloads.Add($"{reader.GetString(0)}/{reader.GetInt64(1)}", (byte[])reader[2]);
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                payloads.Add($"{reader.GetGuid(0)}/{reader.GetInt64(1)}", (byte[])reader[2]);
            }
        }

        return payloads;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Database != null)
        {
            await PostgresCluster.Shared.DropDatabaseAsync(Database);
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
