using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The storage the Coffer servers of the interop suite run on: SQLite in their data directory, or, with
/// COFFER_TEST_STORAGE=postgres (the test script's second run of the suite), a fresh database of this process's private
/// PostgreSQL cluster per server, dropped when the server is disposed.
/// </summary>
public sealed class InteropStorage
{
    private readonly bool onSharedCluster;

    private InteropStorage(string? database, string? connectionString = null, string? replicaConnectionString = null)
    {
        Database = database;
        ReplicaConnectionString = replicaConnectionString;
        onSharedCluster = database != null && connectionString == null;
        ConnectionString = database == null ? null : connectionString ?? PostgresCluster.Shared.ConnectionString(database);
    }

    /// <summary>True when COFFER_TEST_STORAGE=postgres.</summary>
    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("COFFER_TEST_STORAGE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's PostgreSQL database; null on SQLite.</summary>
    public string? Database { get; }

    /// <summary>The connection string of <see cref="Database"/>; null on SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>A hot standby the servers may read web pages and API listings from; null when they read the primary only.</summary>
    public string? ReplicaConnectionString { get; }

    /// <summary>The server configuration that selects this storage (nothing on SQLite: the default).</summary>
    public IReadOnlyList<string> ServerArgs => Database == null
        ? []
        : ReplicaConnectionString == null
            ? ["--Coffer:Storage:Provider=postgres", $"--Coffer:Storage:ConnectionString={ConnectionString}"]
            : ["--Coffer:Storage:Provider=postgres", $"--Coffer:Storage:ConnectionString={ConnectionString}", $"--Coffer:Storage:ReplicaConnectionString={ReplicaConnectionString}"];

    /// <summary>The <c>coffer</c> CLI options for the same store, given the server's data directory.</summary>
    public IReadOnlyList<string> CliArgs(string dataDir) => Database == null
        ? ["--data", dataDir]
        : ["--data", dataDir, "--provider", "postgres", "--connection", ConnectionString!];

    public static async Task<InteropStorage> CreateAsync() =>
        new(OnPostgres ? await PostgresCluster.Shared.CreateDatabaseAsync("interop").ConfigureAwait(false) : null);

    /// <summary>A fresh database of the private PostgreSQL cluster, whatever the run: several nodes share one only there.</summary>
    public static async Task<InteropStorage> CreatePostgresAsync() =>
        new(await PostgresCluster.Shared.CreateDatabaseAsync("interop").ConfigureAwait(false));

    /// <summary>
    /// A fresh database on <paramref name="primary"/>, reached through <paramref name="connectionString"/> (e.g. a
    /// multi-host one naming the primary and its standby); deleting the storage leaves it to the cluster's disposal.
    /// </summary>
    /// <param name="replicaConnectionString">The hot standby the servers read web pages and API listings from, if any.</param>
    public static async Task<InteropStorage> CreateOnAsync(PostgresCluster primary, Func<string, string> connectionString, Func<string, string>? replicaConnectionString = null)
    {
        var database = await primary.CreateDatabaseAsync("failover").ConfigureAwait(false);
        return new(database, connectionString(database), replicaConnectionString?.Invoke(database));
    }

    /// <summary>
    /// A database made elsewhere (e.g. on a <see cref="PatroniPair"/>), reached through <paramref name="connectionString"/>;
    /// deleting the storage leaves it to whoever made it.
    /// </summary>
    public static InteropStorage On(string database, string connectionString) => new(database, connectionString);

    /// <summary>Drops the database (after the server using it has stopped); one of a private cluster goes with the cluster.</summary>
    public async Task DeleteAsync()
    {
        if (Database != null && onSharedCluster)
        {
            await PostgresCluster.Shared.DropDatabaseAsync(Database).ConfigureAwait(false);
        }
    }
}
