namespace Coffer.Storage.Sqlite;

internal sealed class SqlitePushPackageRepository(SqliteUnitOfWork uow) : IPushPackageRepository
{
    public Task PutAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            """
            INSERT INTO push_packages (device_id, package, posted) VALUES ($d, $p, $t)
            ON CONFLICT (device_id) DO UPDATE SET package = excluded.package, posted = excluded.posted
            """,
            ("$d", deviceRowId),
            ("$p", package),
            ("$t", uow.Now)));

    public Task<byte[]?> TakeAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            r => (byte[])r.GetValue(0),
            "DELETE FROM push_packages WHERE device_id = $d RETURNING package",
            ("$d", deviceRowId)));

    public Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Scalar("SELECT count(*) FROM push_packages WHERE device_id = $d", ("$d", deviceRowId)) is long n && n > 0);
}
