using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteSipBindingRepository(SqliteUnitOfWork uow) : ISipBindingRepository
{
    private const string Select = "SELECT b.user_id, u.name, b.device, b.contact, b.received, b.expires_at, b.call_id, b.cseq, b.node FROM sip_bindings b JOIN users u ON u.id = b.user_id";

    public Task<IReadOnlyList<StoredSipBinding>> ListAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredSipBinding>>(cancellationToken, () => uow.Query(
            Map,
            $"{Select} WHERE b.user_id = $id AND b.expires_at > $now ORDER BY b.device",
            ("$id", userId),
            ("$now", now.ToUnixTimeMilliseconds())));

    public Task<IReadOnlyList<StoredSipBinding>> ListAllAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredSipBinding>>(cancellationToken, () => uow.Query(
            Map,
            $"{Select} WHERE b.expires_at > $now ORDER BY u.name_key, b.device",
            ("$now", now.ToUnixTimeMilliseconds())));

    public Task PutAsync(StoredSipBinding binding, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(binding);
            ArgumentException.ThrowIfNullOrEmpty(binding.Device);
            return uow.Execute(
                """
                INSERT INTO sip_bindings (user_id, device, contact, received, expires_at, call_id, cseq, node)
                VALUES ($id, $device, $contact, $received, $expires, $callId, $cseq, $node)
                ON CONFLICT (user_id, device) DO UPDATE SET contact = excluded.contact, received = excluded.received,
                    expires_at = excluded.expires_at, call_id = excluded.call_id, cseq = excluded.cseq, node = excluded.node
                """,
                ("$id", binding.UserId),
                ("$device", binding.Device),
                ("$contact", binding.Contact),
                ("$received", binding.Received),
                ("$expires", binding.ExpiresAt.ToUnixTimeMilliseconds()),
                ("$callId", binding.CallId),
                ("$cseq", binding.CSeq),
                ("$node", binding.Node));
        });

    public Task<bool> RemoveAsync(long userId, string device, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM sip_bindings WHERE user_id = $id AND device = $device", ("$id", userId), ("$device", device)) == 1);

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM sip_bindings WHERE expires_at <= $now", ("$now", now.ToUnixTimeMilliseconds())));

    private static StoredSipBinding Map(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.GetString(6), r.GetInt64(7), r.GetString(8));
}
