using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

/// <summary>
/// One pooled connection, one transaction. Statements are positional and parameterized; Npgsql prepares them per
/// physical connection once they repeat (auto-prepare), so a sync's thousands of item writes parse no SQL.
/// </summary>
internal sealed class PostgresUnitOfWork : IUnitOfWork
{
    private readonly Dictionary<long, long> datastoreUsers = [];
    private readonly NpgsqlConnection connection;
    private readonly bool writable;
    private readonly PostgresDataKeyRepository keys;
    private NpgsqlTransaction? transaction;
    private PayloadProtector? payloads;
    private int inserted;

    public PostgresUnitOfWork(PostgresCofferStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, bool writable)
    {
        Store = store;
        this.connection = connection;
        this.transaction = transaction;
        this.writable = writable;
        Users = new PostgresUserRepository(this);
        Devices = new PostgresDeviceRepository(this);
        Datastores = new PostgresDatastoreRepository(this);
        Items = new PostgresItemRepository(this);
        SyncStates = new PostgresSyncStateRepository(this);
        IdMaps = new PostgresIdMapRepository(this);
        Sessions = new PostgresSessionRepository(this);
        Secrets = new PostgresServerSecretRepository(this);
        keys = new PostgresDataKeyRepository(this);
        StorageArea = new PostgresStorageAreaRepository(this);
        History = new PostgresHistoryRepository(this);
        BlobChunks = new PostgresBlobChunkRepository(this);
        Settings = new PostgresUserSettingsRepository(this);
        ApiTokens = new PostgresApiTokenRepository(this);
        AuditLog = new PostgresAuditLogRepository(this);
        Notifications = new PostgresNotificationPlanRepository(this);
        ItemModes = new PostgresItemModeRepository(this);
        Leases = new PostgresLeaseRepository(this);
        PushPackages = new PostgresPushPackageRepository(this);
        LoginFailures = new PostgresLoginFailureRepository(this);
        WebKeys = new PostgresWebKeyRepository(this);
        SipCredentials = new PostgresSipCredentialRepository(this);
        SipBindings = new PostgresSipBindingRepository(this);
        DmAccounts = new PostgresDmAccountRepository(this);
        DmSnapshots = new PostgresDmSnapshotRepository(this);
        DmJobs = new PostgresDmJobRepository(this);
    }

    public PostgresCofferStore Store { get; }

    public IUserRepository Users { get; }

    public IDeviceRepository Devices { get; }

    public IDatastoreRepository Datastores { get; }

    public IItemRepository Items { get; }

    public ISyncStateRepository SyncStates { get; }

    public IIdMapRepository IdMaps { get; }

    public ISessionRepository Sessions { get; }

    public IServerSecretRepository Secrets { get; }

    public IDataKeyRepository DataKeys => keys;

    public PayloadProtector Payloads => payloads ??= new PayloadProtector(Store.Options.Compression, Store.KeyRing, keys);

    public IStorageAreaRepository StorageArea { get; }

    public IHistoryRepository History { get; }

    public IBlobChunkRepository BlobChunks { get; }

    public IUserSettingsRepository Settings { get; }

    public IApiTokenRepository ApiTokens { get; }
    public IAuditLogRepository AuditLog { get; }

    public INotificationPlanRepository Notifications { get; }

    public IItemModeRepository ItemModes { get; }

    public ILeaseRepository Leases { get; }

    public IPushPackageRepository PushPackages { get; }

    public ILoginFailureRepository LoginFailures { get; }

    public IWebKeyRepository WebKeys { get; }

    public ISipCredentialRepository SipCredentials { get; }

    public ISipBindingRepository SipBindings { get; }

    public IDmAccountRepository DmAccounts { get; }

    public IDmSnapshotRepository DmSnapshots { get; }

    public IDmJobRepository DmJobs { get; }

    public long Now => Store.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private NpgsqlTransaction Transaction => transaction ?? throw new StorageException("the unit of work is already finished");

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        var tx = Transaction;
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        transaction = null;
        await tx.DisposeAsync().ConfigureAwait(false);
        payloads?.Committed();
        if (inserted >= YoungTableRows)
        {
            await Store.AnalyzeYoungTablesAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rows a commit must have added before it checks whether the item and map tables have statistics yet.</summary>
    private const int YoungTableRows = 100;

    /// <summary>Counts rows added to items and id_maps (see <see cref="PostgresCofferStore.AnalyzeYoungTablesAsync"/>).</summary>
    public void CountInserted(int rows) => inserted += rows;

    public async ValueTask DisposeAsync()
    {
        payloads?.Dispose();
        if (transaction != null)
        {
            // No commit: everything of this unit of work is undone (a broken connection has rolled back already).
            try
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
            }

            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public NpgsqlCommand Command(string sql, NpgsqlParameter[] args)
    {
        var command = new NpgsqlCommand(sql, connection, Transaction);
        foreach (var arg in args)
        {
            command.Parameters.Add(arg);
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] args)
    {
        await using var command = Command(sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Synchronous forms, for the data key lookup the payload pipeline calls inside repository methods (never while a
    /// reader of this unit of work is open: keys are looked up when a payload is encoded, before its statement runs).
    /// </summary>
    public int Execute(string sql, params NpgsqlParameter[] args)
    {
        using var command = Command(sql, args);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params NpgsqlParameter[] args)
    {
        using var command = Command(sql, args);
        return command.ExecuteScalar() is var value and not DBNull ? value : null;
    }

    public T? QuerySingle<T>(Func<NpgsqlDataReader, T> map, string sql, params NpgsqlParameter[] args)
        where T : class
    {
        using var command = Command(sql, args);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>Hands each row to <paramref name="row"/> as it is read: nothing is collected, for reads of a whole table.</summary>
    public async Task ForEachAsync(Action<NpgsqlDataReader> row, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] args)
    {
        await using var command = Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    /// <summary>The first column of the first row, or null.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] args)
    {
        await using var command = Command(sql, args);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is var value and not DBNull ? value : null;
    }

    public async Task<List<T>> QueryAsync<T>(Func<NpgsqlDataReader, T> map, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] args)
    {
        await using var command = Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(map(reader));
        }

        return list;
    }

    public async Task<T?> QuerySingleAsync<T>(Func<NpgsqlDataReader, T> map, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] args)
        where T : class
    {
        await using var command = Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : null;
    }

    /// <summary>Statements sent in one round trip and run in order (a batch of item writes).</summary>
    public NpgsqlBatch Batch() => new(connection, Transaction);

    /// <summary>
    /// The owner of a datastore (cached: datastores never change owner). In a read-write unit of work this also takes
    /// the owner's sequence lock, before the first item is read: everything the unit of work decides about the user's
    /// items from then on (versions, twins, the next sequence) sees every earlier writer's commit and no later one.
    /// </summary>
    public async Task<long> DatastoreUserAsync(long datastoreId, CancellationToken cancellationToken)
    {
        if (datastoreUsers.TryGetValue(datastoreId, out var userId))
        {
            return userId;
        }

        // FOR NO KEY UPDATE is the lock the sequence UPDATE takes anyway; it leaves rows that only reference the user
        // (a new device, a new session) free to be written by others.
        var sql = writable
            ? "SELECT d.user_id FROM datastores d JOIN users u ON u.id = d.user_id WHERE d.id = $1 FOR NO KEY UPDATE OF u"
            : "SELECT user_id FROM datastores WHERE id = $1";
        userId = await ScalarAsync(sql, cancellationToken, Arg(datastoreId)).ConfigureAwait(false) as long?
            ?? throw new StorageException($"datastore {datastoreId} does not exist");
        datastoreUsers[datastoreId] = userId;
        return userId;
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> values of the user's change sequence and returns the first. The counter
    /// lives in the user row, whose lock is held to the end of the transaction, so the writes commit (or roll back) with
    /// the increment and become visible in the order the values were taken.
    /// </summary>
    public async Task<long> TakeSequencesAsync(long userId, int count, CancellationToken cancellationToken)
    {
        var last = await ScalarAsync("UPDATE users SET seq = seq + $1 WHERE id = $2 RETURNING seq", cancellationToken, Arg((long)count), Arg(userId)).ConfigureAwait(false) as long?
            ?? throw new StorageException($"user {userId} does not exist");
        return last - count + 1;
    }
}
