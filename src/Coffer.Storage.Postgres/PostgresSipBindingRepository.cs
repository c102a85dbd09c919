using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresSipBindingRepository(PostgresUnitOfWork uow) : ISipBindingRepository
{
    private const string Select = "SELECT b.user_id, u.name, b.device, b.contact, b.received, b.expires_at, b.call_id, b.cseq, b.node FROM sip_bindings b JOIN users u ON u.id = b.user_id";

    public async Task<IReadOnlyList<StoredSipBinding>> ListAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"{Select} WHERE b.user_id = $1 AND b.expires_at > $2 ORDER BY b.device COLLATE \"C\"", cancellationToken, Arg(userId), Arg(now.ToUnixTimeMilliseconds())).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredSipBinding>> ListAllAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"{Select} WHERE b.expires_at > $1 ORDER BY u.name_key COLLATE \"C\", b.device COLLATE \"C\"", cancellationToken, Arg(now.ToUnixTimeMilliseconds())).ConfigureAwait(false);

    public Task PutAsync(StoredSipBinding binding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentException.ThrowIfNullOrEmpty(binding.Device);
        return uow.ExecuteAsync(
            """
            INSERT INTO sip_bindings (user_id, device, contact, received, expires_at, call_id, cseq, node)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (user_id, device) DO UPDATE SET contact = excluded.contact, received = excluded.received,
                expires_at = excluded.expires_at, call_id = excluded.call_id, cseq = excluded.cseq, node = excluded.node
            """,
            cancellationToken,
            Arg(binding.UserId),
            Arg(binding.Device),
            Arg(binding.Contact),
            Arg(binding.Received),
            Arg(binding.ExpiresAt.ToUnixTimeMilliseconds()),
            Arg(binding.CallId),
            Arg(binding.CSeq),
            Arg(binding.Node));
    }

    public async Task<bool> RemoveAsync(long userId, string device, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM sip_bindings WHERE user_id = $1 AND device = $2", cancellationToken, Arg(userId), Arg(device)).ConfigureAwait(false) == 1;

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync("DELETE FROM sip_bindings WHERE expires_at <= $1", cancellationToken, Arg(now.ToUnixTimeMilliseconds()));

    private static StoredSipBinding Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.GetString(6), r.GetInt64(7), r.GetString(8));
}
