using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresStorageAreaRepository(PostgresUnitOfWork uow) : IStorageAreaRepository
{
    private const string Columns = "id, datastore_id, created, seq, item_count, bytes, origin";

    public async Task<AreaGeneration> SaveAsync(long datastoreId, string origin, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);

        // In a read-write unit of work this takes the user's sequence lock: the saved state is one between two writers.
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        var seq = await uow.ScalarAsync("SELECT seq FROM users WHERE id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false) as long? ?? 0;
        var id = (long)(await uow.ScalarAsync(
            "INSERT INTO area_generations (datastore_id, created, seq, item_count, bytes, origin) VALUES ($1, $2, $3, 0, 0, $4) RETURNING id",
            cancellationToken,
            Arg(datastoreId),
            Arg(uow.Now),
            Arg(seq),
            Arg(origin)).ConfigureAwait(false))!;
        await uow.ExecuteAsync(
            "INSERT INTO area_items (generation_id, item_id, version) SELECT $1, id, version FROM items WHERE datastore_id = $2 AND NOT deleted",
            cancellationToken,
            Arg(id),
            Arg(datastoreId)).ConfigureAwait(false);
        await uow.ExecuteAsync(
            "UPDATE area_generations SET item_count = (SELECT COUNT(*) FROM items WHERE datastore_id = $1 AND NOT deleted), bytes = (SELECT COALESCE(SUM(size), 0) FROM items WHERE datastore_id = $1 AND NOT deleted) WHERE id = $2",
            cancellationToken,
            Arg(datastoreId),
            Arg(id)).ConfigureAwait(false);

        // area_items go with their generation (ON DELETE CASCADE).
        await uow.ExecuteAsync(
            "DELETE FROM area_generations WHERE datastore_id = $1 AND id NOT IN (SELECT id FROM area_generations WHERE datastore_id = $1 ORDER BY id DESC LIMIT $2)",
            cancellationToken,
            Arg(datastoreId),
            Arg((long)keep)).ConfigureAwait(false);
        return (await GetAsync(datastoreId, id, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<AreaGeneration>> ListAsync(long datastoreId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM area_generations WHERE datastore_id = $1 ORDER BY id DESC", cancellationToken, Arg(datastoreId)).ConfigureAwait(false);

    public Task<AreaGeneration?> GetAsync(long datastoreId, long generationId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM area_generations WHERE id = $1 AND datastore_id = $2", cancellationToken, Arg(generationId), Arg(datastoreId));

    // uuid order is the order of their lowercase text form: SQLite's ORDER BY of the text ids.
    public async Task<IReadOnlyList<AreaEntry>> GetEntriesAsync(long datastoreId, long generationId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            r => new AreaEntry(r.ItemId(0), r.GetInt64(1)),
            "SELECT a.item_id, a.version FROM area_items a JOIN area_generations g ON g.id = a.generation_id WHERE a.generation_id = $1 AND g.datastore_id = $2 ORDER BY a.item_id",
            cancellationToken,
            Arg(generationId),
            Arg(datastoreId)).ConfigureAwait(false);

    private static AreaGeneration Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.Time(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetString(6));
}
