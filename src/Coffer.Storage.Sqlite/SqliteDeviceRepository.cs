using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteDeviceRepository(SqliteUnitOfWork uow) : IDeviceRepository
{
    private const string Columns = "id, user_id, device_id, devinf, nonce, first_seen, last_access, login_count";

    public Task<Device> RegisterAccessAsync(long userId, string deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(deviceId);
            return uow.QuerySingle(
                Map,
                $"INSERT INTO devices (user_id, device_id, first_seen, last_access) VALUES ($u, $d, $now, $now) ON CONFLICT (user_id, device_id) DO UPDATE SET last_access = excluded.last_access RETURNING {Columns}",
                ("$u", userId),
                ("$d", deviceId),
                ("$now", uow.Now))!;
        });

    public Task<Device?> GetAsync(long userId, string deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM devices WHERE user_id = $u AND device_id = $d", ("$u", userId), ("$d", deviceId)));

    public Task<Device?> GetByIdAsync(long id, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM devices WHERE id = $id", ("$id", id)));

    public Task<IReadOnlyList<Device>> ListAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<Device>>(cancellationToken, () => uow.Query(Map, $"SELECT {Columns} FROM devices WHERE user_id = $u ORDER BY device_id", ("$u", userId)));

    public Task<bool> SetDevInfAsync(long id, byte[]? devInf, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            if (devInf is null)
            {
                return uow.Execute("UPDATE devices SET devinf = NULL WHERE id = $id", ("$id", id)) == 1;
            }

            var userId = uow.Scalar("SELECT user_id FROM devices WHERE id = $id", ("$id", id)) as long?;
            return userId is { } owner
                && uow.Execute("UPDATE devices SET devinf = $v WHERE id = $id", ("$v", uow.Payloads.Encode(devInf, Context(owner, id))), ("$id", id)) == 1;
        });

    public Task<bool> SetNonceAsync(long id, byte[]? nonce, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("UPDATE devices SET nonce = $v WHERE id = $id", ("$v", nonce), ("$id", id)) == 1);

    public Task<bool> RecordLoginAsync(long id, long expectedLoginCount, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            "UPDATE devices SET login_count = login_count + 1, nonce = NULL, last_access = $now WHERE id = $id AND login_count = $n",
            ("$now", uow.Now),
            ("$id", id),
            ("$n", expectedLoginCount)) == 1);

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            // Sessions carry no foreign key on the device (they may exist before authentication), so end them here.
            uow.Execute("DELETE FROM sessions WHERE device_id = $id", ("$id", id));
            return uow.Execute("DELETE FROM devices WHERE id = $id", ("$id", id)) == 1;
        });

    /// <summary>A device's DevInf is bound to the device row, under its user's key.</summary>
    internal static PayloadContext Context(long userId, long deviceId) =>
        new(userId, deviceId.ToString(CultureInfo.InvariantCulture), 0, PayloadKind.DeviceInfo);

    private Device Map(SqliteDataReader r)
    {
        var id = r.GetInt64(0);
        var userId = r.GetInt64(1);
        var devInf = r.NullableBytes(3) is { } stored
            // Without the header: kept in clear before encryption at rest (the start-up pass encrypts it).
            ? PayloadProtector.HasHeader(stored) ? uow.Payloads.Decode(stored, Context(userId, id)) : stored
            : null;
        return new(id, userId, r.GetString(2), devInf, r.NullableBytes(4), r.Time(5), r.Time(6), r.GetInt64(7));
    }
}
