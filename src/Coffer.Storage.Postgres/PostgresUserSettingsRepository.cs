using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresUserSettingsRepository(PostgresUnitOfWork uow) : IUserSettingsRepository
{
    public Task<UserSettings?> GetAsync(long userId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, "SELECT sync_interval, night_hour, time_zone, carrier FROM user_settings WHERE user_id = $1", cancellationToken, Arg(userId));

    public async Task<bool> SetAsync(long userId, UserSettings settings, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync(
            """
            INSERT INTO user_settings (user_id, sync_interval, night_hour, time_zone, carrier, updated)
            SELECT id, $2, $3, $4, $5, $6 FROM users WHERE id = $1
            ON CONFLICT (user_id) DO UPDATE SET sync_interval = excluded.sync_interval, night_hour = excluded.night_hour,
                time_zone = excluded.time_zone, carrier = excluded.carrier, updated = excluded.updated
            """,
            cancellationToken,
            Arg(userId),
            Arg((int)settings.SyncInterval),
            Arg(settings.NightHour),
            Arg(settings.TimeZone),
            Arg(settings.Carrier),
            Arg(uow.Now)).ConfigureAwait(false) == 1;

    private static UserSettings Map(NpgsqlDataReader r) =>
        new((SyncInterval)r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.NullableString(3));
}
