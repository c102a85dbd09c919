using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteNotificationPlanRepository(SqliteUnitOfWork uow) : INotificationPlanRepository
{
    private const string Columns = "night, user_id, send_at, due, next_due, carrier, state, error";

    public Task<IReadOnlyList<NotificationSubscriber>> ListSubscribersAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<NotificationSubscriber>>(cancellationToken, () => uow.Query(
            r => new NotificationSubscriber(
                r.GetInt64(0),
                r.IsDBNull(1) ? UserSettings.Default : new UserSettings((SyncInterval)r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.NullableString(4)),
                r.IsDBNull(5) ? null : DateOnly.FromDayNumber(r.GetInt32(5))),
            """
            SELECT u.id, s.sync_interval, s.night_hour, s.time_zone, s.carrier, d.next_due
            FROM users u LEFT JOIN user_settings s ON s.user_id = u.id LEFT JOIN notification_due d ON d.user_id = u.id
            WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM devices v WHERE v.user_id = u.id)
            ORDER BY u.id
            """));

    public Task<bool> HasPlanAsync(DateOnly night, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Scalar("SELECT 1 FROM notification_nights WHERE night = $n", ("$n", night.DayNumber)) != null);

    public Task<bool> SavePlanAsync(DateOnly night, IReadOnlyList<NotificationEntry> entries, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(entries);
            if (uow.Execute("INSERT INTO notification_nights (night, planned) VALUES ($n, $now) ON CONFLICT DO NOTHING", ("$n", night.DayNumber), ("$now", uow.Now)) == 0)
            {
                return false;
            }

            foreach (var e in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                uow.Execute(
                    """
                    INSERT INTO notification_plan (night, user_id, send_at, due, next_due, carrier, state, error, updated)
                    VALUES ($n, $u, $at, $due, $next, $c, $s, $e, $now)
                    """,
                    ("$n", night.DayNumber),
                    ("$u", e.UserId),
                    ("$at", e.SendAt?.ToUnixTimeMilliseconds()),
                    ("$due", e.Due.DayNumber),
                    ("$next", e.NextDue.DayNumber),
                    ("$c", e.Carrier),
                    ("$s", (int)e.State),
                    ("$e", e.Error),
                    ("$now", uow.Now));
                uow.Execute(
                    "INSERT INTO notification_due (user_id, next_due) VALUES ($u, $next) ON CONFLICT (user_id) DO UPDATE SET next_due = excluded.next_due",
                    ("$u", e.UserId),
                    ("$next", e.NextDue.DayNumber));
            }

            return true;
        });

    public Task<IReadOnlyList<NotificationEntry>> TakeDueAsync(DateTimeOffset now, int limit, TimeSpan? lease = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<NotificationEntry>>(cancellationToken, () =>
        {
            var taken = uow.Query(
                Map,
                $"""
                UPDATE notification_plan SET state = $sending, updated = $now
                WHERE rowid IN (SELECT rowid FROM notification_plan
                    WHERE (state = $planned AND send_at <= $at) OR (state = $sending AND updated <= $expired)
                    ORDER BY send_at, user_id LIMIT $limit)
                RETURNING {Columns}
                """,
                ("$sending", (int)NotificationState.Sending),
                ("$now", uow.Now),
                ("$expired", uow.Now - (long)(lease ?? INotificationPlanRepository.DefaultSendLease).TotalMilliseconds),
                ("$planned", (int)NotificationState.Planned),
                ("$at", now.ToUnixTimeMilliseconds()),
                ("$limit", limit));

            // RETURNING gives rows in no promised order.
            taken.Sort((a, b) => a.SendAt != b.SendAt ? Nullable.Compare(a.SendAt, b.SendAt) : a.UserId.CompareTo(b.UserId));
            return taken;
        });

    public Task<bool> FinishAsync(DateOnly night, long userId, NotificationState state, string? error, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            "UPDATE notification_plan SET state = $s, error = $e, updated = $now WHERE night = $n AND user_id = $u AND state = $sending",
            ("$s", (int)state),
            ("$e", error),
            ("$now", uow.Now),
            ("$n", night.DayNumber),
            ("$u", userId),
            ("$sending", (int)NotificationState.Sending)) == 1);

    public Task<IReadOnlyList<NotificationEntry>> ListAsync(DateOnly night, NotificationState? state, int offset, int limit, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<NotificationEntry>>(cancellationToken, () => uow.Query(
            Map,
            $"""
            SELECT {Columns} FROM notification_plan WHERE night = $n AND ($s IS NULL OR state = $s)
            ORDER BY send_at IS NULL, send_at, user_id LIMIT $limit OFFSET $offset
            """,
            ("$n", night.DayNumber),
            ("$s", state is { } s ? (int?)s : null),
            ("$limit", limit),
            ("$offset", offset)));

    public Task<IReadOnlyList<NotificationCount>> CountAsync(DateOnly night, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<NotificationCount>>(cancellationToken, () => uow.Query(
            r => new NotificationCount(r.GetString(0), (NotificationState)r.GetInt32(1), r.GetInt32(2)),
            "SELECT carrier, state, COUNT(*) FROM notification_plan WHERE night = $n GROUP BY carrier, state ORDER BY carrier, state",
            ("$n", night.DayNumber)));

    public Task<bool> SetDeviceSecretAsync(long deviceId, byte[] secret, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(secret);
            if (uow.Scalar("SELECT user_id FROM devices WHERE id = $d", ("$d", deviceId)) is not long userId)
            {
                return false;
            }

            var sealedSecret = uow.Payloads.Encode(secret, SecretContext(userId, deviceId));
            return uow.Execute("UPDATE devices SET notify_secret = $s WHERE id = $d", ("$s", sealedSecret), ("$d", deviceId)) == 1;
        });

    public Task<byte[]?> GetDeviceSecretAsync(long deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var rows = uow.Query(r => (User: r.GetInt64(0), Sealed: r.NullableBytes(1)), "SELECT user_id, notify_secret FROM devices WHERE id = $d", ("$d", deviceId));
            return rows is [{ Sealed: { } sealedSecret } row] ? uow.Payloads.Decode(sealedSecret, SecretContext(row.User, deviceId)) : null;
        });

    private static PayloadContext SecretContext(long userId, long deviceId) =>
        new(userId, deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, PayloadKind.NotificationSecret);

    private static NotificationEntry Map(SqliteDataReader r) => new(
        DateOnly.FromDayNumber(r.GetInt32(0)),
        r.GetInt64(1),
        r.NullableTime(2),
        DateOnly.FromDayNumber(r.GetInt32(3)),
        DateOnly.FromDayNumber(r.GetInt32(4)),
        r.GetString(5),
        (NotificationState)r.GetInt32(6),
        r.NullableString(7));
}
