using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresHistoryRepository(PostgresUnitOfWork uow) : IHistoryRepository
{
    public async Task<IReadOnlyList<ItemVersion>> GetStateAtAsync(long datastoreId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            r => new ItemVersion(r.ItemId(0), r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3), r.GetString(4), null, r.GetInt64(5), r.GetString(6), r.Time(7)),
            """
            SELECT v.item_id, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time
            FROM items i JOIN item_versions v ON v.item_id = i.id
            WHERE i.datastore_id = $1 AND v.version = (SELECT MAX(w.version) FROM item_versions w WHERE w.item_id = i.id AND w.time <= $2)
            ORDER BY v.item_id
            """,
            cancellationToken,
            Arg(datastoreId),
            Arg(at.ToUnixTimeMilliseconds())).ConfigureAwait(false);

    public async Task<IReadOnlyList<DeletedItem>> ListDeletedAsync(long datastoreId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        var codec = uow.Payloads;

        // A delete always follows a live version (only live items can be deleted), so the version before the tombstone
        // holds the last content, unless retention pruned it.
        return await uow.QueryAsync(
            r =>
            {
                var id = r.ItemId(0);
                var version = r.GetInt64(3);
                var payload = r.NullableBytes(10);
                var content = payload is null ? null : codec.Decode(payload, new PayloadContext(userId, id, version));
                var last = new ItemVersion(id, version, r.GetInt64(4), r.GetBoolean(5), r.GetString(6), content, r.GetInt64(7), r.GetString(8), r.Time(9));
                return new DeletedItem(id, datastoreId, r.Time(1), r.GetString(2), last);
            },
            """
            SELECT i.id, i.modified, i.origin, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time, v.payload
            FROM items i JOIN item_versions v ON v.item_id = i.id AND v.version = i.version - 1
            WHERE i.datastore_id = $1 AND i.deleted AND NOT v.deleted
            ORDER BY i.seq DESC LIMIT $2
            """,
            cancellationToken,
            Arg(datastoreId),
            Arg((long)limit)).ConfigureAwait(false);
    }

    public async Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // Superseded before the cutoff: some newer version of the item existed by then, so no restore to a time from the
        // cutoff on can need this one. One statement picks and deletes them.
        return await uow.ExecuteAsync(
            """
            DELETE FROM item_versions d USING (
                SELECT v.item_id, v.version FROM item_versions v
                WHERE v.time < $1
                  AND EXISTS (SELECT 1 FROM item_versions w WHERE w.item_id = v.item_id AND w.version > v.version AND w.time <= $1)
                  AND NOT EXISTS (SELECT 1 FROM area_items a WHERE a.item_id = v.item_id AND a.version = v.version)
                  AND NOT EXISTS (SELECT 1 FROM item_modes m WHERE m.item_id = v.item_id AND (m.mode = 'history' OR m.base_version = v.version))
                LIMIT $2) doomed
            WHERE d.item_id = doomed.item_id AND d.version = doomed.version
            """,
            cancellationToken,
            Arg(cutoff.ToUnixTimeMilliseconds()),
            Arg((long)limit)).ConfigureAwait(false);
    }
}
