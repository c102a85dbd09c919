using Coffer.Storage.Providers;
using Coffer.TestData;

namespace Coffer.Storage.Tests.Contract;

/// <summary>
/// A fresh, empty store of one provider for one test: SQLite in a new temp data dir, PostgreSQL in a new database of the
/// shared private cluster. Disposing removes the data dir or drops the database.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string dataDir;
    private readonly string? database;

    private TestStore(ICofferStore store, string dataDir, string? database)
    {
        Store = store;
        this.dataDir = dataDir;
        this.database = database;
    }

    public ICofferStore Store { get; }

    public static async Task<TestStore> CreateAsync(StoreProvider provider, TimeProvider time, Func<StorageOptions, StorageOptions>? configure = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));
        var options = new StorageOptions { DataDir = dataDir };
        options = configure?.Invoke(options) ?? options;
        if (provider == StoreProvider.Sqlite)
        {
            return new TestStore(StoreFactory.Create(provider, null, options, time), dataDir, null);
        }

        var cluster = PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("contract");
        return new TestStore(StoreFactory.Create(provider, cluster.ConnectionString(database), options, time), dataDir, database);
    }

    /// <summary>
    /// Flips one byte in the middle of <paramref name="column"/> of the row of <paramref name="table"/> that
    /// <paramref name="where"/> selects, behind the repositories' back, as a broken disk or a bad restore would.
    /// </summary>
    public async Task DamageAsync(string table, string column, string where)
    {
        await using var connection = database == null
            ? (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDir, Sqlite.SqliteCofferStore.FileName)};Pooling=False")
            : new Npgsql.NpgsqlConnection(PostgresCluster.Shared.ConnectionString(database));
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {column} FROM {table} WHERE {where}";
        var bytes = (byte[])(await read.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no {table} row where {where}"));
        bytes[bytes.Length / 2] ^= 0x01;
        await using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE {table} SET {column} = @damaged WHERE {where}";
        var parameter = write.CreateParameter();
        parameter.ParameterName = "damaged";
        parameter.Value = bytes;
        write.Parameters.Add(parameter);
        (await write.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (database != null)
        {
            await PostgresCluster.Shared.DropDatabaseAsync(database);
        }

        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
