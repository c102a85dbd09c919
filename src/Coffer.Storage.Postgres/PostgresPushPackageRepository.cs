using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresPushPackageRepository(PostgresUnitOfWork uow) : IPushPackageRepository
{
    public Task PutAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync(
            """
            INSERT INTO push_packages (device_id, package, posted) VALUES ($1, $2, $3)
            ON CONFLICT (device_id) DO UPDATE SET package = excluded.package, posted = excluded.posted
            """,
            cancellationToken,
            Arg(deviceRowId),
            Arg(package),
            Arg(uow.Now));

    // Two polls of one device on two nodes: the second DELETE waits for the first's row lock and then finds it gone, so
    // exactly one of them gets the package.
    public Task<byte[]?> TakeAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(r => (byte[])r.GetValue(0), "DELETE FROM push_packages WHERE device_id = $1 RETURNING package", cancellationToken, Arg(deviceRowId));

    public async Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        await uow.ScalarAsync("SELECT count(*) FROM push_packages WHERE device_id = $1", cancellationToken, Arg(deviceRowId)).ConfigureAwait(false) is long n && n > 0;
}
