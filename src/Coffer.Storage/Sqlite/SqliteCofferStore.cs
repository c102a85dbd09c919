using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The default backend: one SQLite file (<see cref="StorageOptions.SqliteFileName"/>) in WAL mode, so readers never
/// block the single writer. Each unit of work owns one pooled connection and one transaction; read-write units
/// start with BEGIN IMMEDIATE, which takes the write lock up front (no deadlock-prone lock upgrades later).
/// </summary>
public sealed class SqliteCofferStore : ICofferStore
{
    private readonly SemaphoreSlim initLock = new(1, 1);
    private readonly string connectionString;
    private volatile bool initialized;
    private ResidentMap? resident;

    public SqliteCofferStore(StorageOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDir);
        Options = options;
        Time = timeProvider ?? TimeProvider.System;
        DatabasePath = Path.Combine(Path.GetFullPath(options.DataDir), StorageOptions.SqliteFileName);
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

    /// <summary>The map that keeps the file's pages in memory; null when off or not possible here.</summary>
    internal ResidentMap? Resident => resident;

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
                // The prewarm reads a store that is not in the OS cache from disk: in the background, not in startup.
                resident = ResidentMap.TryCreate(connection, DatabasePath, Options.ResidentLimitBytes ?? DefaultResidentLimit());
                resident?.StartPrewarm();

                initialized = true;
            }
        }
        finally
        {
            initLock.Release();
        }
    }

    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) => BeginCoreAsync(deferred: false, cancellationToken);

    public Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) => BeginCoreAsync(deferred: true, cancellationToken);

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm) open; release them so the data dir can be removed.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        resident?.Dispose();
        initLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IUnitOfWork> BeginCoreAsync(bool deferred, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var connection = Open();
        try
        {
            return new SqliteUnitOfWork(this, connection, connection.BeginTransaction(deferred));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Checkpoint the WAL every 4,000 pages (16 MB) rather than SQLite's 1,000: a sync rewrites the same index pages
    // message after message, and a later checkpoint copies each of them once; measured about a fifth less commit CPU for
    // 250-item messages (docs/storage.md).
    private const int WalCheckpointPages = 4000;

    // 64 MiB of page cache per connection: a 100,000-contact store is ~120 MB, and with 16 MiB a two-way sync of 15
    // changes read its index pages from the file every time (pread was 9% of those syncs; bench/README.md (b)).
    private const int PageCacheKiB = 65536;

    // Reads through a memory map of the database file (up to 2 GiB, SQLite's compiled-in maximum; beyond it, reads fall
    // back to pread). Pages are read in place from the OS page cache, shared by every pooled connection, instead of
    // one pread and one copy per page into each connection's own cache. It also keeps a quiet store's pages resident where
    // the kernel reclaims idle unmapped page cache (DAMON on this VM, after 30 s): a phone scanning 100,000 contacts
    // between two messages used to leave the server re-reading its index pages from disk (bench/README.md (b)). Writes
    // still go through the WAL with write(); https://sqlite.org/mmap.html.
    private const long MmapBytes = 0x7fff0000;

    // After a checkpoint SQLite writes the next frames over the old ones from the start of the -wal file. Frames are
    // 24 + 4,096 bytes, so each write covers parts of two file pages, and a page the kernel has dropped from its cache
    // (idle file cache is reclaimed after 30 s on this VM) is read back from disk first: in process, a 15-change
    // two-way sync at 100,000 contacts read ~0.5 MB per sync that way. A limit of 0 empties the file at the first commit
    // after a checkpoint, so new frames are appended instead (https://sqlite.org/pragma.html#pragma_journal_size_limit).
    private const long WalSizeLimitBytes = 0;

    // Kept mapped by default: the whole file as far as SQLite maps it, but never more than a quarter of the memory the
    // process may use, so a store larger than the machine is not read in whole.
    private static long DefaultResidentLimit() => Math.Min(MmapBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            PRAGMA foreign_keys = ON;
            PRAGMA synchronous = {(Options.FlushEveryCommit ? "FULL" : "NORMAL")};
            PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds};
            PRAGMA cache_size = -{PageCacheKiB};
            PRAGMA wal_autocheckpoint = {WalCheckpointPages};
            PRAGMA mmap_size = {MmapBytes};
            PRAGMA journal_size_limit = {WalSizeLimitBytes};
            """;
        cmd.ExecuteNonQuery();
        return connection;
    }
}
