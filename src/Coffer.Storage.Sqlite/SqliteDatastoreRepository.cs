using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteDatastoreRepository(SqliteUnitOfWork uow) : IDatastoreRepository
{
    private const string Columns = "id, user_id, kind, created";

    public Task<Datastore> EnsureAsync(long userId, DatastoreKind kind, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            uow.Execute("INSERT INTO datastores (user_id, kind, created) VALUES ($u, $k, $now) ON CONFLICT (user_id, kind) DO NOTHING", ("$u", userId), ("$k", (int)kind), ("$now", uow.Now));
            return Get(userId, kind)!;
        });

    public Task<Datastore?> GetAsync(long userId, DatastoreKind kind, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => Get(userId, kind));

    public Task<IReadOnlyList<Datastore>> ListAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<Datastore>>(cancellationToken, () => uow.Query(Map, $"SELECT {Columns} FROM datastores WHERE user_id = $u ORDER BY kind", ("$u", userId)));

    private Datastore? Get(long userId, DatastoreKind kind) =>
        uow.QuerySingle(Map, $"SELECT {Columns} FROM datastores WHERE user_id = $u AND kind = $k", ("$u", userId), ("$k", (int)kind));

    private static Datastore Map(SqliteDataReader r) => new(r.GetInt64(0), r.GetInt64(1), (DatastoreKind)r.GetInt32(2), r.Time(3));
}
