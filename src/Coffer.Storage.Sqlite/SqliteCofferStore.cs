using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The default backend: one SQLite file (<see cref="FileName"/>) in WAL mode, so readers never
/// block the single writer. Each unit of work owns one pooled connection and one transaction; read-write units
/// start with BEGIN IMMEDIATE, which takes the write lock up front (no deadlock-prone lock upgrades later).
/// </summary>
public sealed class SqliteCofferStore : ICofferStore
{
    /// <summary>The database file in <see cref="StorageOptions.DataDir"/>.</summary>
    public const string FileName = "coffer.db";

    private readonly SemaphoreSlim initLock = new(1, 1);

    // Writers of this process queue here, in order and without holding a thread, before BEGIN IMMEDIATE: SQLite's own
    // wait for its write lock is a sleep-and-retry loop on a pool thread that gives up after BusyTimeout. Other
    // processes (the CLI) still meet the busy timeout.
    private readonly SemaphoreSlim writeGate = new(1, 1);

    // Pooled connections keep their settings; the PRAGMAs run once per physical connection, not at every Open.
    // secure_delete FAST: what a delete frees inside a page is zeroed (no extra I/O), so a deleted user's wrapped data
    // keys do not linger in the file.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];
    private readonly string connectionString;
    private volatile bool initialized;
    private long writeTransactions;
    private DataKeyRing? keyRing;

    public SqliteCofferStore(StorageOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDir);
        Options = options;
        Time = timeProvider ?? TimeProvider.System;
        DatabasePath = Path.Combine(Path.GetFullPath(options.DataDir), FileName);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public StorageOptions Options { get; }

    public TimeProvider Time { get; }

    public string DatabasePath { get; }

    /// <summary>Read-write units of work begun so far by this store object (each takes the database's write lock).</summary>
    public long WriteTransactionsBegun => Interlocked.Read(ref writeTransactions);

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
                // The file exists, 0600, before SQLite opens it: SQLite gives its -wal and -shm the database's mode.
                PrivateFiles.EnsureDirectory(Path.GetDirectoryName(DatabasePath)!);
                PrivateFiles.EnsureFile(DatabasePath);
                PrivateFiles.Restrict(DatabasePath + "-wal");
                PrivateFiles.Restrict(DatabasePath + "-shm");
                using var connection = Open();
                using (var wal = connection.CreateCommand())
                {
                    // WAL is a property of the file: set once, it persists for every later connection.
                    wal.CommandText = "PRAGMA journal_mode = WAL;";
                    var mode = wal.ExecuteScalar() as string;
                    if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new StorageException($"SQLite refused WAL mode for {DatabasePath} (got {mode})");
                    }
                }

                SqliteMigrations.Migrate(connection, Time);
                keyRing = new DataKeyRing(MasterKeys.Load(Options, MasterKeyIds(connection)), MasterKeys.Reloader(Options));
                initialized = true;
                await SqliteEncryptionPass.RunAsync(this, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            initLock.Release();
        }
    }

    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) => BeginCoreAsync(deferred: false, cancellationToken);

    private static List<string> MasterKeyIds(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT master_key_id FROM data_keys";
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) => BeginCoreAsync(deferred: true, cancellationToken);

    /// <summary>One process owns the file and serializes its writers: nothing here fails for a moment only.</summary>
    public bool IsTransient(Exception exception) => false;

    public async Task<IntegrityReport> CheckIntegrityAsync(CancellationToken cancellationToken = default)
    {
        await using var uow = (SqliteUnitOfWork)await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return new SqliteIntegrityCheck(uow).Run(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm) open; release them so the data dir can be removed.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        initLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IUnitOfWork> BeginCoreAsync(bool deferred, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        SemaphoreSlim? gate = null;
        if (!deferred)
        {
            await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            gate = writeGate;
            Interlocked.Increment(ref writeTransactions);
        }

        SqliteConnection? connection = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection = Open();
            return new SqliteUnitOfWork(this, connection, connection.BeginTransaction(deferred), gate);
        }
        catch
        {
            connection?.Dispose();
            gate?.Release();
            throw;
        }
    }

    // Checkpoint the WAL every 4,000 pages (16 MB) rather than SQLite's 1,000: a sync rewrites the same index pages
    // message after message, and a later checkpoint copies each of them once; measured about a fifth less commit CPU for
    // 250-item messages (docs/storage.md).
    private const int WalCheckpointPages = 4000;

    // 64 MiB of page cache per connection: a 100,000-contact store is ~120 MB, and with 16 MiB a two-way sync of 15
    // changes read its index pages from the file every time (pread was 9% of those syncs; bench/README.md at 32b55cc, (b)).
    private const int PageCacheKiB = 65536;

    /// <summary>Copies the WAL into the database and truncates it to nothing (the WAL keeps old page images otherwise).</summary>
    internal void CheckpointAndTruncate()
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        cmd.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (connection.Handle is { } handle && configured.TryGetValue(handle, out _))
        {
            return connection;
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            PRAGMA foreign_keys = ON;
            PRAGMA synchronous = {(Options.FlushEveryCommit ? "FULL" : "NORMAL")};
            PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds};
            PRAGMA cache_size = -{PageCacheKiB};
            PRAGMA wal_autocheckpoint = {WalCheckpointPages};
            PRAGMA secure_delete = FAST;
            """;
        cmd.ExecuteNonQuery();
        if (connection.Handle is { } opened)
        {
            configured.AddOrUpdate(opened, this);
        }

        return connection;
    }
}
