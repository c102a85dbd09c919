using Npgsql;
using NpgsqlTypes;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresNotificationPlanRepository(PostgresUnitOfWork uow) : INotificationPlanRepository
{
    private const string Columns = "night, user_id, send_at, due, next_due, carrier, state, error";

    public async Task<IReadOnlyList<NotificationSubscriber>> ListSubscribersAsync(CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            r => new NotificationSubscriber(
                r.GetInt64(0),
                r.IsDBNull(1) ? UserSettings.Default : new UserSettings((SyncInterval)r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.NullableString(4)),
                r.IsDBNull(5) ? null : DateOnly.FromDayNumber(r.GetInt32(5))),
            """
            SELECT u.id, s.sync_interval, s.night_hour, s.time_zone, s.carrier, d.next_due
            FROM users u LEFT JOIN user_settings s ON s.user_id = u.id LEFT JOIN notification_due d ON d.user_id = u.id
            WHERE NOT u.disabled AND EXISTS (SELECT 1 FROM devices v WHERE v.user_id = u.id)
            ORDER BY u.id
            """,
            cancellationToken).ConfigureAwait(false);

    public async Task<bool> HasPlanAsync(DateOnly night, CancellationToken cancellationToken = default) =>
        await uow.ScalarAsync("SELECT 1 FROM notification_nights WHERE night = $1", cancellationToken, Arg(night.DayNumber)).ConfigureAwait(false) != null;

    public async Task<bool> SavePlanAsync(DateOnly night, IReadOnlyList<NotificationEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var claimed = await uow.ExecuteAsync(
            "INSERT INTO notification_nights (night, planned) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            cancellationToken,
            Arg(night.DayNumber),
            Arg(uow.Now)).ConfigureAwait(false);
        if (claimed == 0)
        {
            return false;
        }

        // One statement per batch of rows, the columns as arrays: a night of a million entries is a few round trips.
        const int Batch = 10_000;
        for (var start = 0; start < entries.Count; start += Batch)
        {
            var part = entries.Skip(start).Take(Batch).ToArray();
            await uow.ExecuteAsync(
                """
                INSERT INTO notification_plan (night, user_id, send_at, due, next_due, carrier, state, error, updated)
                SELECT $1, u, a, d, x, c, s, e, $9 FROM unnest($2, $3, $4, $5, $6, $7, $8) AS t(u, a, d, x, c, s, e)
                """,
                cancellationToken,
                Arg(night.DayNumber),
                Array(part.Select(e => e.UserId).ToArray(), NpgsqlDbType.Bigint),
                Array(part.Select(e => e.SendAt?.ToUnixTimeMilliseconds()).ToArray(), NpgsqlDbType.Bigint),
                Array(part.Select(e => e.Due.DayNumber).ToArray(), NpgsqlDbType.Integer),
                Array(part.Select(e => e.NextDue.DayNumber).ToArray(), NpgsqlDbType.Integer),
                Arg(part.Select(e => e.Carrier).ToArray()),
                Array(part.Select(e => (int)e.State).ToArray(), NpgsqlDbType.Integer),
                Array(part.Select(e => e.Error).ToArray(), NpgsqlDbType.Text),
                Arg(uow.Now)).ConfigureAwait(false);
            await uow.ExecuteAsync(
                """
                INSERT INTO notification_due (user_id, next_due) SELECT * FROM unnest($1, $2)
                ON CONFLICT (user_id) DO UPDATE SET next_due = excluded.next_due
                """,
                cancellationToken,
                Array(part.Select(e => e.UserId).ToArray(), NpgsqlDbType.Bigint),
                Array(part.Select(e => e.NextDue.DayNumber).ToArray(), NpgsqlDbType.Integer)).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<IReadOnlyList<NotificationEntry>> TakeDueAsync(DateTimeOffset now, int limit, TimeSpan? lease = null, CancellationToken cancellationToken = default)
    {
        // SKIP LOCKED: servers sharing the database each take different entries.
        var taken = await uow.QueryAsync(
            Map,
            $"""
            UPDATE notification_plan p SET state = $1, updated = $2
            FROM (SELECT night, user_id FROM notification_plan WHERE (state = $3 AND send_at <= $4) OR (state = $1 AND updated <= $6)
                  ORDER BY send_at, user_id LIMIT $5 FOR UPDATE SKIP LOCKED) w
            WHERE p.night = w.night AND p.user_id = w.user_id
            RETURNING p.night, p.user_id, p.send_at, p.due, p.next_due, p.carrier, p.state, p.error
            """,
            cancellationToken,
            Arg((int)NotificationState.Sending),
            Arg(uow.Now),
            Arg((int)NotificationState.Planned),
            Arg(now.ToUnixTimeMilliseconds()),
            Arg(limit),
            Arg(uow.Now - (long)(lease ?? INotificationPlanRepository.DefaultSendLease).TotalMilliseconds)).ConfigureAwait(false);

        // RETURNING gives rows in no promised order.
        taken.Sort((a, b) => a.SendAt != b.SendAt ? Nullable.Compare(a.SendAt, b.SendAt) : a.UserId.CompareTo(b.UserId));
        return taken;
    }

    public async Task<bool> FinishAsync(DateOnly night, long userId, NotificationState state, string? error, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync(
            "UPDATE notification_plan SET state = $1, error = $2, updated = $3 WHERE night = $4 AND user_id = $5 AND state = $6",
            cancellationToken,
            Arg((int)state),
            Arg(error),
            Arg(uow.Now),
            Arg(night.DayNumber),
            Arg(userId),
            Arg((int)NotificationState.Sending)).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<NotificationEntry>> ListAsync(DateOnly night, NotificationState? state, int offset, int limit, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            Map,
            $"""
            SELECT {Columns} FROM notification_plan WHERE night = $1 AND ($2::integer IS NULL OR state = $2)
            ORDER BY send_at NULLS LAST, user_id LIMIT $3 OFFSET $4
            """,
            cancellationToken,
            Arg(night.DayNumber),
            new NpgsqlParameter { Value = state is { } s ? (int)s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
            Arg(limit),
            Arg(offset)).ConfigureAwait(false);

    public async Task<IReadOnlyList<NotificationCount>> CountAsync(DateOnly night, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            r => new NotificationCount(r.GetString(0), (NotificationState)r.GetInt32(1), (int)r.GetInt64(2)),
            "SELECT carrier, state, COUNT(*) FROM notification_plan WHERE night = $1 GROUP BY carrier, state ORDER BY carrier, state",
            cancellationToken,
            Arg(night.DayNumber)).ConfigureAwait(false);

    public async Task<bool> SetDeviceSecretAsync(long deviceId, byte[] secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (await uow.ScalarAsync("SELECT user_id FROM devices WHERE id = $1", cancellationToken, Arg(deviceId)).ConfigureAwait(false) is not long userId)
        {
            return false;
        }

        var sealedSecret = uow.Payloads.Encode(secret, SecretContext(userId, deviceId));
        return await uow.ExecuteAsync("UPDATE devices SET notify_secret = $1 WHERE id = $2", cancellationToken, Arg(sealedSecret), Arg(deviceId)).ConfigureAwait(false) == 1;
    }

    public async Task<byte[]?> GetDeviceSecretAsync(long deviceId, CancellationToken cancellationToken = default)
    {
        var rows = await uow.QueryAsync(r => (User: r.GetInt64(0), Sealed: r.NullableBytes(1)), "SELECT user_id, notify_secret FROM devices WHERE id = $1", cancellationToken, Arg(deviceId)).ConfigureAwait(false);
        return rows is [{ Sealed: { } sealedSecret } row] ? uow.Payloads.Decode(sealedSecret, SecretContext(row.User, deviceId)) : null;
    }

    private static PayloadContext SecretContext(long userId, long deviceId) =>
        new(userId, deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, PayloadKind.NotificationSecret);

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType type) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };

    private static NotificationEntry Map(NpgsqlDataReader r) => new(
        DateOnly.FromDayNumber(r.GetInt32(0)),
        r.GetInt64(1),
        r.NullableTime(2),
        DateOnly.FromDayNumber(r.GetInt32(3)),
        DateOnly.FromDayNumber(r.GetInt32(4)),
        r.GetString(5),
        (NotificationState)r.GetInt32(6),
        r.NullableString(7));
}
