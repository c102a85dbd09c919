using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteHistoryRepository(SqliteUnitOfWork uow) : IHistoryRepository
{
    public Task<IReadOnlyList<ItemVersion>> GetStateAtAsync(long datastoreId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<ItemVersion>>(cancellationToken, () => uow.Query(
            r => new ItemVersion(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3) != 0, r.GetString(4), null, r.GetInt64(5), r.GetString(6), r.Time(7)),
            """
            SELECT v.item_id, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time
            FROM items i JOIN item_versions v ON v.item_id = i.id
            WHERE i.datastore_id = $ds AND v.version = (SELECT MAX(w.version) FROM item_versions w WHERE w.item_id = i.id AND w.time <= $at)
            ORDER BY v.item_id
            """,
            ("$ds", datastoreId),
            ("$at", at.ToDb())));

    public Task<IReadOnlyList<DeletedItem>> ListDeletedAsync(long datastoreId, int limit, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<DeletedItem>>(cancellationToken, () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            var userId = uow.DatastoreUser(datastoreId);
            var codec = uow.Payloads;

            // A delete always follows a live version (only live items can be deleted), so the version before the
            // tombstone holds the last content, unless retention pruned it.
            return uow.Query(
                r =>
                {
                    var id = r.GetString(0);
                    var version = r.GetInt64(3);
                    var payload = r.NullableBytes(10);
                    var content = payload is null ? null : codec.Decode(payload, new PayloadContext(userId, id, version));
                    var last = new ItemVersion(id, version, r.GetInt64(4), r.GetInt64(5) != 0, r.GetString(6), content, r.GetInt64(7), r.GetString(8), r.Time(9));
                    return new DeletedItem(id, datastoreId, r.Time(1), r.GetString(2), last);
                },
                """
                SELECT i.id, i.modified, i.origin, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time, v.payload
                FROM items i JOIN item_versions v ON v.item_id = i.id AND v.version = i.version - 1
                WHERE i.datastore_id = $ds AND i.deleted = 1 AND v.deleted = 0
                ORDER BY i.seq DESC LIMIT $limit
                """,
                ("$ds", datastoreId),
                ("$limit", limit));
        });

    public Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

            // Superseded before the cutoff: some newer version of the item existed by then, so no restore to a time
            // from the cutoff on can need this one.
            var doomed = uow.Query(
                r => (Id: r.GetString(0), Version: r.GetInt64(1)),
                """
                SELECT v.item_id, v.version FROM item_versions v
                WHERE v.time < $cutoff
                  AND EXISTS (SELECT 1 FROM item_versions w WHERE w.item_id = v.item_id AND w.version > v.version AND w.time <= $cutoff)
                  AND NOT EXISTS (SELECT 1 FROM area_items a WHERE a.item_id = v.item_id AND a.version = v.version)
                  AND NOT EXISTS (SELECT 1 FROM item_modes m WHERE m.item_id = v.item_id AND (m.mode = 'history' OR m.base_version = v.version))
                LIMIT $limit
                """,
                ("$cutoff", cutoff.ToDb()),
                ("$limit", limit));
            foreach (var (id, version) in doomed)
            {
                uow.Execute("DELETE FROM item_versions WHERE item_id = $id AND version = $v", ("$id", id), ("$v", version));
            }

            return doomed.Count;
        });
}
