using System.Data;
using System.Globalization;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend (Coffer:Storage:Provider=postgres): the same contract as SQLite on a database shared by any
/// number of Coffer servers. Each unit of work owns one pooled connection (Npgsql's pool) and one transaction.
/// Read-write units run at READ COMMITTED and serialize the writers of one user on that user's row (the row that holds
/// the change sequence, locked FOR NO KEY UPDATE before the first item operation), so a user's sequences become visible
/// in the order they were taken while other users' writers go on in parallel. Read units run at REPEATABLE READ: one
/// snapshot, never waiting for a writer.
/// </summary>
public sealed class PostgresCofferStore : ICofferStore
{
    private readonly SemaphoreSlim initLock = new(1, 1);
    private readonly NpgsqlDataSource dataSource;
    private volatile bool initialized;
    private volatile bool tablesHaveStatistics;
    private readonly bool replica;
    private DataKeyRing? keyRing;

    /// <param name="connectionString">An Npgsql connection string (Host, Port, Database, Username, Password...).</param>
    /// <param name="options">Compression, master key, durability and lock wait; <see cref="StorageOptions.DataDir"/> is not used: the data lives in the database.</param>
    /// <param name="replica">
    /// A hot standby of the primary's database, for reads only (<see cref="ReplicaRoutingStore"/>): the schema is never
    /// migrated here but must already be the one this server needs, and <see cref="BeginAsync"/> is refused.
    /// </param>
    public PostgresCofferStore(string connectionString, StorageOptions options, TimeProvider? timeProvider = null, bool replica = false)
    {
        this.replica = replica;
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = timeProvider ?? TimeProvider.System;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;

        // Session settings travel in the startup packet, so they cost no statement per unit of work and survive the
        // pool's reset between uses. synchronous_commit=on waits for the WAL flush at COMMIT (SQLite's synchronous=FULL);
        // off acknowledges first and may lose the last few hundred milliseconds of commits on a crash of the database
        // server, never consistency (SQLite's NORMAL). lock_timeout is how long a writer waits for another writer of the
        // same user (SQLite's busy timeout).
        settings.Options = string.Join(
            ' ',
            new[]
            {
                settings.Options,
                "-c synchronous_commit=" + (options.FlushEveryCommit ? "on" : "off"),
                "-c lock_timeout=" + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            }.Where(o => !string.IsNullOrWhiteSpace(o)));

        // Every statement of the store is one of a few dozen fixed texts: prepare them on each physical connection once
        // they repeat, unless the connection string says otherwise.
        if (!new NpgsqlConnectionStringBuilder(connectionString).ContainsKey("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = 128;
            settings.AutoPrepareMinUsages = 2;
        }

        dataSource = builder.Build();
        Database = settings.Database;
    }

    public StorageOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The database name from the connection string (for messages).</summary>
    public string? Database { get; }

    public DataKeyRing KeyRing => keyRing ?? throw new StorageException("the store is not initialized");

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (initialized)
        {
            return;
        }

        await initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!initialized)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                if (replica)
                {
                    await RequireLatestSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await PgMigrations.MigrateAsync(connection, Time, cancellationToken).ConfigureAwait(false);
                }

                keyRing = new DataKeyRing(MasterKeys.Load(Options, await MasterKeyIdsAsync(connection, cancellationToken).ConfigureAwait(false)), MasterKeys.Reloader(Options));
                initialized = true;
            }
        }
        finally
        {
            initLock.Release();
        }
    }

    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) => replica
        ? throw new InvalidOperationException("a replica store serves reads only")
        : BeginCoreAsync(writable: true, cancellationToken);

    public Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) => BeginCoreAsync(writable: false, cancellationToken);

    public bool IsTransient(Exception exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            switch (e)
            {
                // 25006: a write reached a standby (the connection string's other host, not yet promoted); 57P01-03:
                // the server shut down or is starting; 08: the connection broke; 40001/40P01: a serialization
                // failure or deadlock (PostgreSQL documentation, Appendix A, "PostgreSQL Error Codes").
                case PostgresException pg:
                    return pg.SqlState is "25006" or "57P01" or "57P02" or "57P03" or "40001" or "40P01" || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                    return true;

                // A multi-host connection string while the primary is down and the standby not yet promoted: every host
                // was refused or is remembered (Host Recheck Seconds) as down or read-only. Npgsql gives no code for it.
                case NpgsqlException { InnerException: null or AggregateException } n when n.Message.StartsWith("No suitable host", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    public async Task<IntegrityReport> CheckIntegrityAsync(CancellationToken cancellationToken = default)
    {
        await using var uow = (PostgresUnitOfWork)await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await new PostgresIntegrityCheck(uow).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A pooled connection outside any unit of work (the data key lookup of <see cref="PostgresDataKeyRepository.Find"/>).</summary>
    internal NpgsqlConnection OpenConnection() => dataSource.OpenConnection();

    private static async Task RequireLatestSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version != PgMigrations.Latest)
        {
            throw new StorageException($"the replica's schema is at version {version}, this server needs {PgMigrations.Latest}: it has not replayed the primary's migration yet");
        }
    }

    private static async Task<List<string>> MasterKeyIdsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT DISTINCT master_key_id FROM data_keys", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        // Closes the pooled connections, so the database can be dropped or the server stopped right after.
        await dataSource.DisposeAsync().ConfigureAwait(false);
        initLock.Dispose();
    }

    /// <summary>
    /// Gives the item and map tables statistics as soon as they hold data, once per database. Without any, the planner
    /// takes every index that matches a query's (device_id, datastore_id) or (datastore_id) prefix for as selective as
    /// the unique one and picks by size: during the first slow sync of a new database it filtered all of the device's
    /// map rows for each item (1.7 ms of database CPU per item, quadratic; bench/README.md, PostgreSQL). Autovacuum
    /// analyzes too, but only up to a minute later. Runs after a commit, outside its transaction.
    /// </summary>
    internal async Task AnalyzeYoungTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (tablesHaveStatistics)
        {
            return;
        }

        await using var check = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname IN ('items', 'item_versions', 'id_maps') AND schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL",
            connection);
        if ((long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            tablesHaveStatistics = true;
            return;
        }

        await using var analyze = new NpgsqlCommand("ANALYZE items, item_versions, id_maps", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        tablesHaveStatistics = true;
    }

    private async Task<IUnitOfWork> BeginCoreAsync(bool writable, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

            // Npgsql sends BEGIN together with the first statement: no round trip of its own.
            var transaction = await connection.BeginTransactionAsync(writable ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            if (replica)
            {
                // A pooled connection to a standby that died or restarted fails only at its first statement; one round
                // trip here lets the caller read the primary instead of failing the page (ReplicaRoutingStore).
                await using var probe = new NpgsqlCommand("SELECT 1", connection, transaction);
                await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PostgresUnitOfWork(this, connection, transaction, writable);
        }
        catch
        {
            if (connection != null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }
}
