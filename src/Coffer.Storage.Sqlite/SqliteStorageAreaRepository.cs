using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteStorageAreaRepository(SqliteUnitOfWork uow) : IStorageAreaRepository
{
    private const string Columns = "id, datastore_id, created, seq, item_count, bytes, origin";

    public Task<AreaGeneration> SaveAsync(long datastoreId, string origin, int keep, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(origin);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
            var userId = uow.DatastoreUser(datastoreId);
            var seq = uow.Scalar("SELECT seq FROM users WHERE id = $u", ("$u", userId)) as long? ?? 0;
            var id = (long)uow.Scalar(
                "INSERT INTO area_generations (datastore_id, created, seq, item_count, bytes, origin) VALUES ($ds, $now, $seq, 0, 0, $origin) RETURNING id",
                ("$ds", datastoreId),
                ("$now", uow.Now),
                ("$seq", seq),
                ("$origin", origin))!;
            uow.Execute(
                "INSERT INTO area_items (generation_id, item_id, version) SELECT $g, id, version FROM items WHERE datastore_id = $ds AND deleted = 0",
                ("$g", id),
                ("$ds", datastoreId));
            uow.Execute(
                "UPDATE area_generations SET item_count = (SELECT COUNT(*) FROM items WHERE datastore_id = $ds AND deleted = 0), bytes = (SELECT COALESCE(SUM(size), 0) FROM items WHERE datastore_id = $ds AND deleted = 0) WHERE id = $g",
                ("$ds", datastoreId),
                ("$g", id));

            // area_items go with their generation (ON DELETE CASCADE).
            uow.Execute(
                "DELETE FROM area_generations WHERE datastore_id = $ds AND id NOT IN (SELECT id FROM area_generations WHERE datastore_id = $ds ORDER BY id DESC LIMIT $keep)",
                ("$ds", datastoreId),
                ("$keep", keep));
            return Get(datastoreId, id)!;
        });

    public Task<IReadOnlyList<AreaGeneration>> ListAsync(long datastoreId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<AreaGeneration>>(cancellationToken, () =>
            uow.Query(Map, $"SELECT {Columns} FROM area_generations WHERE datastore_id = $ds ORDER BY id DESC", ("$ds", datastoreId)));

    public Task<AreaGeneration?> GetAsync(long datastoreId, long generationId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => Get(datastoreId, generationId));

    public Task<IReadOnlyList<AreaEntry>> GetEntriesAsync(long datastoreId, long generationId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<AreaEntry>>(cancellationToken, () => uow.Query(
            r => new AreaEntry(r.GetString(0), r.GetInt64(1)),
            "SELECT a.item_id, a.version FROM area_items a JOIN area_generations g ON g.id = a.generation_id WHERE a.generation_id = $g AND g.datastore_id = $ds ORDER BY a.item_id",
            ("$g", generationId),
            ("$ds", datastoreId)));

    private AreaGeneration? Get(long datastoreId, long generationId) =>
        uow.QuerySingle(Map, $"SELECT {Columns} FROM area_generations WHERE id = $g AND datastore_id = $ds", ("$g", generationId), ("$ds", datastoreId));

    private static AreaGeneration Map(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.Time(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetString(6));
}
