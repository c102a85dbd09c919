using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// One connection, one transaction. Statements are prepared once per SQL text for the life of the unit of work, so a
/// batch of 100 item writes prepares each statement once and only rebinds parameters (<see cref="SqliteStatement"/>).
/// </summary>
internal sealed class SqliteUnitOfWork : IUnitOfWork
{
    private readonly Dictionary<string, SqliteStatement> statements = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> datastoreUsers = [];
    private readonly SqliteConnection connection;
    private SqliteTransaction? transaction;

    public SqliteUnitOfWork(SqliteCofferStore store, SqliteConnection connection, SqliteTransaction transaction)
    {
        Store = store;
        this.connection = connection;
        this.transaction = transaction;
        Users = new SqliteUserRepository(this);
        Devices = new SqliteDeviceRepository(this);
        Datastores = new SqliteDatastoreRepository(this);
        Items = new SqliteItemRepository(this);
        SyncStates = new SqliteSyncStateRepository(this);
        IdMaps = new SqliteIdMapRepository(this);
        Sessions = new SqliteSessionRepository(this);
        Secrets = new SqliteServerSecretRepository(this);
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

    public long Now => Store.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tx = transaction ?? throw new StorageException("the unit of work is already finished");
        tx.Commit();
        transaction = null;
        tx.Dispose();

        // A commit that checkpointed may have grown the file; new pages are mapped while the OS still holds them.
        Store.Resident?.AfterCommit();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // Finalized before the connection goes back to the pool, which would otherwise keep them prepared.
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        statements.Clear();
        if (transaction != null)
        {
            // No commit: everything of this unit of work is undone.
            transaction.Rollback();
            transaction.Dispose();
            transaction = null;
        }

        connection.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The prepared statement for <paramref name="sql"/> with its parameters bound.</summary>
    private SqliteStatement Statement(string sql, ReadOnlySpan<(string Name, object? Value)> args)
    {
        _ = transaction ?? throw new StorageException("the unit of work is already finished");
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(connection.Handle!, sql);
            statements[sql] = statement;
        }

        statement.Bind(args);
        return statement;
    }

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Statement(sql, args).Execute();

    /// <summary>The first column of the first row (long, double, string or byte[]), or null.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var statement = Statement(sql, args);
        try
        {
            return statement.Step() ? statement.Row.GetValue(0) : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    public List<T> Query<T>(Func<SqliteRow, T> map, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var list = new List<T>();
        var statement = Statement(sql, args);
        try
        {
            while (statement.Step())
            {
                list.Add(map(statement.Row));
            }
        }
        finally
        {
            statement.Reset();
        }

        return list;
    }

    public T? QuerySingle<T>(Func<SqliteRow, T> map, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
        where T : class
    {
        var statement = Statement(sql, args);
        try
        {
            return statement.Step() ? map(statement.Row) : null;
        }
        finally
        {
            statement.Reset();
        }
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
