namespace Coffer.Storage.Sqlite;

internal sealed class SqlitePushPackageRepository(SqliteUnitOfWork uow) : IPushPackageRepository
{
    public Task PutAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default) =>
        PutAsync(deviceRowId, PushPackageKind.Ds, package, cancellationToken);

    public Task PutAsync(long deviceRowId, PushPackageKind kind, byte[] package, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            """
            INSERT INTO push_packages (device_id, kind, package, posted) VALUES ($d, $k, $p, $t)
            ON CONFLICT (device_id, kind) DO UPDATE SET package = excluded.package, posted = excluded.posted
            """,
            ("$d", deviceRowId),
            ("$k", (int)kind),
            ("$p", package),
            ("$t", uow.Now)));

    public Task<PushPackage?> TakeAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            r => new PushPackage((PushPackageKind)r.GetInt32(0), (byte[])r.GetValue(1)),
            """
            DELETE FROM push_packages WHERE rowid = (SELECT rowid FROM push_packages WHERE device_id = $d ORDER BY posted, kind LIMIT 1)
            RETURNING kind, package
            """,
            ("$d", deviceRowId)));

    public Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Scalar("SELECT count(*) FROM push_packages WHERE device_id = $d", ("$d", deviceRowId)) is long n && n > 0);
}
