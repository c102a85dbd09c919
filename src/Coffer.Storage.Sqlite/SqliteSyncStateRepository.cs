using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteSyncStateRepository(SqliteUnitOfWork uow) : ISyncStateRepository
{
    private const string Columns = "device_id, datastore_id, last_anchor, next_anchor, server_last_anchor, server_next_anchor, sent_seq, acked_seq, last_success, updated, recovered_seq, quota_refused";

    public Task<SyncState?> GetAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM sync_states WHERE device_id = $dev AND datastore_id = $ds", ("$dev", deviceId), ("$ds", datastoreId)));

    public Task<SyncState> SaveAsync(SyncState state, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(state);
            return uow.QuerySingle(
                Map,
                $"""
                INSERT INTO sync_states ({Columns}) VALUES ($dev, $ds, $la, $na, $sla, $sna, $sent, $acked, $ok, $now, $rec, $refused)
                ON CONFLICT (device_id, datastore_id) DO UPDATE SET last_anchor = excluded.last_anchor, next_anchor = excluded.next_anchor,
                    server_last_anchor = excluded.server_last_anchor, server_next_anchor = excluded.server_next_anchor, sent_seq = excluded.sent_seq,
                    acked_seq = excluded.acked_seq, last_success = excluded.last_success, updated = excluded.updated,
                    recovered_seq = excluded.recovered_seq, quota_refused = excluded.quota_refused
                RETURNING {Columns}
                """,
                ("$dev", state.DeviceId),
                ("$ds", state.DatastoreId),
                ("$la", state.LastAnchor),
                ("$na", state.NextAnchor),
                ("$sla", state.ServerLastAnchor),
                ("$sna", state.ServerNextAnchor),
                ("$sent", state.SentSequence),
                ("$acked", state.AckedSequence),
                ("$ok", state.LastSuccess.ToDb()),
                ("$now", uow.Now),
                ("$rec", state.RecoverySequence),
                ("$refused", state.QuotaRefused ? 1 : 0))!;
        });

    public Task<IReadOnlyList<SyncState>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<SyncState>>(cancellationToken, () => uow.Query(Map, $"SELECT {Columns} FROM sync_states WHERE device_id = $dev ORDER BY datastore_id", ("$dev", deviceId)));

    public Task<int> MarkRecoveredAsync(long datastoreId, long sequence, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            """
            UPDATE sync_states SET last_anchor = NULL, next_anchor = NULL, server_next_anchor = NULL, sent_seq = 0, acked_seq = 0, quota_refused = 0,
                recovered_seq = $seq, updated = $now
            WHERE device_id IN (SELECT id FROM devices WHERE user_id = $u) AND datastore_id = $ds
            """,
            ("$seq", sequence),
            ("$now", uow.Now),
            ("$u", uow.DatastoreUser(datastoreId)),
            ("$ds", datastoreId)));

    public Task<bool> DeleteAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM sync_states WHERE device_id = $dev AND datastore_id = $ds", ("$dev", deviceId), ("$ds", datastoreId)) == 1);

    private static SyncState Map(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.NullableString(2), r.NullableString(3), r.NullableString(4), r.NullableString(5), r.GetInt64(6), r.GetInt64(7), r.NullableTime(8), r.Time(9), r.NullableInt64(10), r.GetInt64(11) != 0);
}
