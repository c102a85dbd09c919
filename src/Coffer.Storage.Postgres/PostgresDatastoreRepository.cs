using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresDatastoreRepository(PostgresUnitOfWork uow) : IDatastoreRepository
{
    private const string Columns = "id, user_id, kind, created";

    public async Task<Datastore> EnsureAsync(long userId, DatastoreKind kind, CancellationToken cancellationToken = default)
    {
        await uow.ExecuteAsync("INSERT INTO datastores (user_id, kind, created) VALUES ($1, $2, $3) ON CONFLICT (user_id, kind) DO NOTHING", cancellationToken, Arg(userId), Arg((int)kind), Arg(uow.Now)).ConfigureAwait(false);
        return (await GetAsync(userId, kind, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<Datastore?> GetAsync(long userId, DatastoreKind kind, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM datastores WHERE user_id = $1 AND kind = $2", cancellationToken, Arg(userId), Arg((int)kind));

    public async Task<IReadOnlyList<Datastore>> ListAsync(long userId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM datastores WHERE user_id = $1 ORDER BY kind", cancellationToken, Arg(userId)).ConfigureAwait(false);

    private static Datastore Map(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt64(1), (DatastoreKind)r.GetInt32(2), r.Time(3));
}
