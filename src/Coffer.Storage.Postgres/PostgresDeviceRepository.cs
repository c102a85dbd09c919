using System.Globalization;
using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresDeviceRepository(PostgresUnitOfWork uow) : IDeviceRepository
{
    private const string Columns = "id, user_id, device_id, devinf, nonce, first_seen, last_access, login_count";

    public async Task<Device> RegisterAccessAsync(long userId, string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        return (await uow.QuerySingleAsync(
            Map,
            $"INSERT INTO devices (user_id, device_id, first_seen, last_access) VALUES ($1, $2, $3, $3) ON CONFLICT (user_id, device_id) DO UPDATE SET last_access = excluded.last_access RETURNING {Columns}",
            cancellationToken,
            Arg(userId),
            Arg(deviceId),
            Arg(uow.Now)).ConfigureAwait(false))!;
    }

    public Task<Device?> GetAsync(long userId, string deviceId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM devices WHERE user_id = $1 AND device_id = $2", cancellationToken, Arg(userId), Arg(deviceId));

    public Task<Device?> GetByIdAsync(long id, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM devices WHERE id = $1", cancellationToken, Arg(id));

    public async Task<IReadOnlyList<Device>> ListAsync(long userId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM devices WHERE user_id = $1 ORDER BY device_id COLLATE \"C\"", cancellationToken, Arg(userId)).ConfigureAwait(false);

    public async Task<bool> SetDevInfAsync(long id, byte[]? devInf, CancellationToken cancellationToken = default)
    {
        if (devInf is null)
        {
            return await uow.ExecuteAsync("UPDATE devices SET devinf = NULL WHERE id = $1", cancellationToken, Arg(id)).ConfigureAwait(false) == 1;
        }

        var userId = await uow.ScalarAsync("SELECT user_id FROM devices WHERE id = $1", cancellationToken, Arg(id)).ConfigureAwait(false) as long?;
        return userId is { } owner
            && await uow.ExecuteAsync("UPDATE devices SET devinf = $1 WHERE id = $2", cancellationToken, Arg(uow.Payloads.Encode(devInf, Context(owner, id))), Arg(id)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetNonceAsync(long id, byte[]? nonce, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("UPDATE devices SET nonce = $1 WHERE id = $2", cancellationToken, Arg(nonce), Arg(id)).ConfigureAwait(false) == 1;

    public async Task<bool> RecordLoginAsync(long id, long expectedLoginCount, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync(
            "UPDATE devices SET login_count = login_count + 1, nonce = NULL, last_access = $1 WHERE id = $2 AND login_count = $3",
            cancellationToken,
            Arg(uow.Now),
            Arg(id),
            Arg(expectedLoginCount)).ConfigureAwait(false) == 1;

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        // Sessions carry no foreign key on the device (they may exist before authentication), so end them here.
        await uow.ExecuteAsync("DELETE FROM sessions WHERE device_id = $1", cancellationToken, Arg(id)).ConfigureAwait(false);
        return await uow.ExecuteAsync("DELETE FROM devices WHERE id = $1", cancellationToken, Arg(id)).ConfigureAwait(false) == 1;
    }

    /// <summary>A device's DevInf is bound to the device row, under its user's key.</summary>
    internal static PayloadContext Context(long userId, long deviceId) =>
        new(userId, deviceId.ToString(CultureInfo.InvariantCulture), 0, PayloadKind.DeviceInfo);

    private Device Map(NpgsqlDataReader r)
    {
        var id = r.GetInt64(0);
        var userId = r.GetInt64(1);
        var devInf = r.NullableBytes(3) is { } stored
            // Without the header: kept in clear before encryption at rest.
            ? PayloadProtector.HasHeader(stored) ? uow.Payloads.Decode(stored, Context(userId, id)) : stored
            : null;
        return new(id, userId, r.GetString(2), devInf, r.NullableBytes(4), r.Time(5), r.Time(6), r.GetInt64(7));
    }
}
