using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresSyncStateRepository(PostgresUnitOfWork uow) : ISyncStateRepository
{
    private const string Columns = "device_id, datastore_id, last_anchor, next_anchor, server_last_anchor, server_next_anchor, sent_seq, acked_seq, last_success, updated";

    public Task<SyncState?> GetAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM sync_states WHERE device_id = $1 AND datastore_id = $2", cancellationToken, Arg(deviceId), Arg(datastoreId));

    public async Task<SyncState> SaveAsync(SyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (await uow.QuerySingleAsync(
            Map,
            $"""
            INSERT INTO sync_states ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (device_id, datastore_id) DO UPDATE SET last_anchor = excluded.last_anchor, next_anchor = excluded.next_anchor,
                server_last_anchor = excluded.server_last_anchor, server_next_anchor = excluded.server_next_anchor, sent_seq = excluded.sent_seq,
                acked_seq = excluded.acked_seq, last_success = excluded.last_success, updated = excluded.updated
            RETURNING {Columns}
            """,
            cancellationToken,
            Arg(state.DeviceId),
            Arg(state.DatastoreId),
            Arg(state.LastAnchor),
            Arg(state.NextAnchor),
            Arg(state.ServerLastAnchor),
            Arg(state.ServerNextAnchor),
            Arg(state.SentSequence),
            Arg(state.AckedSequence),
            Arg(state.LastSuccess.ToDb()),
            Arg(uow.Now)).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<SyncState>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM sync_states WHERE device_id = $1 ORDER BY datastore_id", cancellationToken, Arg(deviceId)).ConfigureAwait(false);

    public async Task<bool> DeleteAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM sync_states WHERE device_id = $1 AND datastore_id = $2", cancellationToken, Arg(deviceId), Arg(datastoreId)).ConfigureAwait(false) == 1;

    private static SyncState Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.NullableString(2), r.NullableString(3), r.NullableString(4), r.NullableString(5), r.GetInt64(6), r.GetInt64(7), r.NullableTime(8), r.Time(9));
}
