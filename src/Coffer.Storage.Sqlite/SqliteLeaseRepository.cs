namespace Coffer.Storage.Sqlite;

internal sealed class SqliteLeaseRepository(SqliteUnitOfWork uow) : ILeaseRepository
{
    /// <summary>Expired leases are forgotten after this long (the daily backup names one lease per day).</summary>
    private static readonly long ForgetAfter = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    public Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentException.ThrowIfNullOrEmpty(holder);
            var now = uow.Now;
            uow.Execute("DELETE FROM leases WHERE expires < $old", ("$old", now - ForgetAfter));
            return uow.Execute(
                """
                INSERT INTO leases (name, holder, expires) VALUES ($n, $h, $u)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                WHERE leases.holder = excluded.holder OR leases.expires <= $now
                """,
                ("$n", name),
                ("$h", holder),
                ("$u", until.ToUnixTimeMilliseconds()),
                ("$now", now)) == 1;
        });

    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM leases WHERE name = $n AND holder = $h", ("$n", name), ("$h", holder)));

    public Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            r => new Lease(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
            "SELECT name, holder, expires FROM leases WHERE name = $n",
            ("$n", name)));
}
