using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteUserSettingsRepository(SqliteUnitOfWork uow) : IUserSettingsRepository
{
    public Task<UserSettings?> GetAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            Map,
            "SELECT sync_interval, night_hour, time_zone, carrier FROM user_settings WHERE user_id = $u",
            ("$u", userId)));

    public Task<bool> SetAsync(long userId, UserSettings settings, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            if (uow.Scalar("SELECT 1 FROM users WHERE id = $u", ("$u", userId)) == null)
            {
                return false;
            }

            uow.Execute(
                """
                INSERT INTO user_settings (user_id, sync_interval, night_hour, time_zone, carrier, updated) VALUES ($u, $i, $h, $z, $c, $now)
                ON CONFLICT (user_id) DO UPDATE SET sync_interval = excluded.sync_interval, night_hour = excluded.night_hour,
                    time_zone = excluded.time_zone, carrier = excluded.carrier, updated = excluded.updated
                """,
                ("$u", userId),
                ("$i", (long)settings.SyncInterval),
                ("$h", (long)settings.NightHour),
                ("$z", settings.TimeZone),
                ("$c", settings.Carrier),
                ("$now", uow.Now));
            return true;
        });

    private static UserSettings Map(SqliteDataReader r) =>
        new((SyncInterval)r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.NullableString(3));
}
