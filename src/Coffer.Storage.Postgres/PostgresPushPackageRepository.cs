using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresPushPackageRepository(PostgresUnitOfWork uow) : IPushPackageRepository
{
    public Task PutAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default) =>
        PutAsync(deviceRowId, PushPackageKind.Ds, package, cancellationToken);

    public Task PutAsync(long deviceRowId, PushPackageKind kind, byte[] package, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync(
            """
            INSERT INTO push_packages (device_id, kind, package, posted) VALUES ($1, $2, $3, $4)
            ON CONFLICT (device_id, kind) DO UPDATE SET package = excluded.package, posted = excluded.posted
            """,
            cancellationToken,
            Arg(deviceRowId),
            Arg((int)kind),
            Arg(package),
            Arg(uow.Now));

    // Two polls of one device on two nodes: the second DELETE waits for the first's row lock and then finds it gone, so
    // exactly one of them gets the package (SKIP LOCKED lets it take the device's next package instead, if any).
    public Task<PushPackage?> TakeAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(
            r => new PushPackage((PushPackageKind)r.GetInt32(0), (byte[])r.GetValue(1)),
            """
            DELETE FROM push_packages WHERE (device_id, kind) = (
                SELECT device_id, kind FROM push_packages WHERE device_id = $1 ORDER BY posted, kind LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING kind, package
            """,
            cancellationToken,
            Arg(deviceRowId));

    public async Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        await uow.ScalarAsync("SELECT count(*) FROM push_packages WHERE device_id = $1", cancellationToken, Arg(deviceRowId)).ConfigureAwait(false) is long n && n > 0;
}
