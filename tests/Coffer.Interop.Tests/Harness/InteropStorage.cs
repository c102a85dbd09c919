using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The storage the Coffer servers of the interop suite run on: SQLite in their data directory, or, with
/// COFFER_TEST_STORAGE=postgres (the test script's second run of the suite), a fresh database of this process's private
/// PostgreSQL cluster per server, dropped when the server is disposed.
/// </summary>
public sealed class InteropStorage
{
    private InteropStorage(string? database)
    {
        Database = database;
    }

    /// <summary>True when COFFER_TEST_STORAGE=postgres.</summary>
    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("COFFER_TEST_STORAGE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's PostgreSQL database; null on SQLite.</summary>
    public string? Database { get; }

    /// <summary>The connection string of <see cref="Database"/>; null on SQLite.</summary>
    public string? ConnectionString => Database == null ? null : PostgresCluster.Shared.ConnectionString(Database);

    /// <summary>The server configuration that selects this storage (nothing on SQLite: the default).</summary>
    public IReadOnlyList<string> ServerArgs => Database == null
        ? []
        : ["--Coffer:Storage:Provider=postgres", $"--Coffer:Storage:ConnectionString={PostgresCluster.Shared.ConnectionString(Database)}"];

    /// <summary>The <c>coffer</c> CLI options for the same store, given the server's data directory.</summary>
    public IReadOnlyList<string> CliArgs(string dataDir) => Database == null
        ? ["--data", dataDir]
        : ["--data", dataDir, "--provider", "postgres", "--connection", PostgresCluster.Shared.ConnectionString(Database)];

    public static async Task<InteropStorage> CreateAsync() =>
        new(OnPostgres ? await PostgresCluster.Shared.CreateDatabaseAsync("interop").ConfigureAwait(false) : null);

    /// <summary>A fresh database of the private PostgreSQL cluster, whatever the run: several nodes share one only there.</summary>
    public static async Task<InteropStorage> CreatePostgresAsync() =>
        new(await PostgresCluster.Shared.CreateDatabaseAsync("interop").ConfigureAwait(false));

    /// <summary>Drops the database (after the server using it has stopped).</summary>
    public async Task DeleteAsync()
    {
        if (Database != null)
        {
            await PostgresCluster.Shared.DropDatabaseAsync(Database).ConfigureAwait(false);
        }
    }
}
