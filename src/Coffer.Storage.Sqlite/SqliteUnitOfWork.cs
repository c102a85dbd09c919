using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// One connection, one transaction. Commands are prepared once per SQL text for the life of the unit of work, so a
/// batch of 100 item writes prepares each statement once and only sets its parameters again.
/// </summary>
internal sealed class SqliteUnitOfWork : IUnitOfWork
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> datastoreUsers = [];
    private readonly SqliteConnection connection;
    private readonly SqliteDataKeyRepository keys;
    private SqliteTransaction? transaction;
    private SemaphoreSlim? writeGate;
    private PayloadProtector? payloads;

    public SqliteUnitOfWork(SqliteCofferStore store, SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim? writeGate = null)
    {
        Store = store;
        this.connection = connection;
        this.transaction = transaction;
        this.writeGate = writeGate;
        Users = new SqliteUserRepository(this);
        Devices = new SqliteDeviceRepository(this);
        Datastores = new SqliteDatastoreRepository(this);
        Items = new SqliteItemRepository(this);
        SyncStates = new SqliteSyncStateRepository(this);
        IdMaps = new SqliteIdMapRepository(this);
        Sessions = new SqliteSessionRepository(this);
        Secrets = new SqliteServerSecretRepository(this);
        keys = new SqliteDataKeyRepository(this);
        StorageArea = new SqliteStorageAreaRepository(this);
        History = new SqliteHistoryRepository(this);
        BlobChunks = new SqliteBlobChunkRepository(this);
        Settings = new SqliteUserSettingsRepository(this);
        ApiTokens = new SqliteApiTokenRepository(this);
        AuditLog = new SqliteAuditLogRepository(this);
        Notifications = new SqliteNotificationPlanRepository(this);
        ItemModes = new SqliteItemModeRepository(this);
        Leases = new SqliteLeaseRepository(this);
        PushPackages = new SqlitePushPackageRepository(this);
        LoginFailures = new SqliteLoginFailureRepository(this);
        WebKeys = new SqliteWebKeyRepository(this);
        SipCredentials = new SqliteSipCredentialRepository(this);
        SipBindings = new SqliteSipBindingRepository(this);
        DmAccounts = new SqliteDmAccountRepository(this);
        DmSnapshots = new SqliteDmSnapshotRepository(this);
        DmJobs = new SqliteDmJobRepository(this);
    }

    public SqliteCofferStore Store { get; }

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

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tx = transaction ?? throw new StorageException("the unit of work is already finished");
        tx.Commit();
        transaction = null;
        tx.Dispose();
        payloads?.Committed();
        ReleaseWriteGate();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // Finalized before the connection goes back to the pool, which would otherwise keep them prepared.
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
        payloads?.Dispose();
        if (transaction != null)
        {
            // No commit: everything of this unit of work is undone.
            transaction.Rollback();
            transaction.Dispose();
            transaction = null;
        }

        connection.Dispose();
        ReleaseWriteGate();
        return ValueTask.CompletedTask;
    }

    /// <summary>Lets the next writer of this process in, once: at commit, or at disposal after a rollback.</summary>
    private void ReleaseWriteGate() => Interlocked.Exchange(ref writeGate, null)?.Release();

    /// <summary>The prepared command for <paramref name="sql"/> with its parameters set.</summary>
    private SqliteCommand Command(string sql, ReadOnlySpan<(string Name, object? Value)> args)
    {
        var tx = transaction ?? throw new StorageException("the unit of work is already finished");
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = tx;
            foreach (var (name, _) in args)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            commands[sql] = command;
        }

        var parameters = command.Parameters;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i];
            var parameter = i < parameters.Count && string.Equals(parameters[i].ParameterName, name, StringComparison.Ordinal)
                ? parameters[i]
                : parameters[name];
            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Command(sql, args).ExecuteNonQuery();

    /// <summary>The first column of the first row (long, double, string or byte[]), or null.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Command(sql, args).ExecuteScalar() is var value and not DBNull ? value : null;

    public List<T> Query<T>(Func<SqliteDataReader, T> map, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var list = new List<T>();
        using var reader = Command(sql, args).ExecuteReader();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    /// <summary>Hands each row to <paramref name="row"/> as it is read: nothing is collected, for reads of a whole table.</summary>
    public void ForEach(Action<SqliteDataReader> row, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        using var reader = Command(sql, args).ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    public T? QuerySingle<T>(Func<SqliteDataReader, T> map, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
        where T : class
    {
        using var reader = Command(sql, args).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>The owner of a datastore (cached: datastores never change owner).</summary>
    public long DatastoreUser(long datastoreId)
    {
        if (!datastoreUsers.TryGetValue(datastoreId, out var userId))
        {
            userId = Scalar("SELECT user_id FROM datastores WHERE id = $id", ("$id", datastoreId)) is long u
                ? u
                : throw new StorageException($"datastore {datastoreId} does not exist");
            datastoreUsers[datastoreId] = userId;
        }

        return userId;
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> values of the user's change sequence and returns the first. The
    /// counter lives in the user row, so the increment and the writes commit (or roll back) together and the
    /// values become visible in the order they were taken.
    /// </summary>
    public long TakeSequences(long userId, int count)
    {
        var last = Scalar("UPDATE users SET seq = seq + $n WHERE id = $u RETURNING seq", ("$n", count), ("$u", userId)) as long?
            ?? throw new StorageException($"user {userId} does not exist");
        return last - count + 1;
    }
}
