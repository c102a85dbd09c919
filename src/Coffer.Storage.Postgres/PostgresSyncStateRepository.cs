using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresSyncStateRepository(PostgresUnitOfWork uow) : ISyncStateRepository
{
    private const string Columns = "device_id, datastore_id, last_anchor, next_anchor, server_last_anchor, server_next_anchor, sent_seq, acked_seq, last_success, updated, recovered_seq, quota_refused";

    public Task<SyncState?> GetAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM sync_states WHERE device_id = $1 AND datastore_id = $2", cancellationToken, Arg(deviceId), Arg(datastoreId));

    public async Task<SyncState> SaveAsync(SyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (await uow.QuerySingleAsync(
            Map,
            $"""
            INSERT INTO sync_states ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (device_id, datastore_id) DO UPDATE SET last_anchor = excluded.last_anchor, next_anchor = excluded.next_anchor,
                server_last_anchor = excluded.server_last_anchor, server_next_anchor = excluded.server_next_anchor, sent_seq = excluded.sent_seq,
                acked_seq = excluded.acked_seq, last_success = excluded.last_success, updated = excluded.updated,
                recovered_seq = excluded.recovered_seq, quota_refused = excluded.quota_refused
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
            Arg(uow.Now),
            Arg(state.RecoverySequence),
            Arg(state.QuotaRefused)).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<SyncState>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM sync_states WHERE device_id = $1 ORDER BY datastore_id", cancellationToken, Arg(deviceId)).ConfigureAwait(false);

    public async Task<int> MarkRecoveredAsync(long datastoreId, long sequence, CancellationToken cancellationToken = default)
    {
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return await uow.ExecuteAsync(
            """
            UPDATE sync_states SET last_anchor = NULL, next_anchor = NULL, server_next_anchor = NULL, sent_seq = 0, acked_seq = 0, quota_refused = false,
                recovered_seq = $1, updated = $2
            WHERE device_id IN (SELECT id FROM devices WHERE user_id = $3) AND datastore_id = $4
            """,
            cancellationToken,
            Arg(sequence),
            Arg(uow.Now),
            Arg(userId),
            Arg(datastoreId)).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM sync_states WHERE device_id = $1 AND datastore_id = $2", cancellationToken, Arg(deviceId), Arg(datastoreId)).ConfigureAwait(false) == 1;

    private static SyncState Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.NullableString(2), r.NullableString(3), r.NullableString(4), r.NullableString(5), r.GetInt64(6), r.GetInt64(7), r.NullableTime(8), r.Time(9), r.NullableInt64(10), r.GetBoolean(11));
}
