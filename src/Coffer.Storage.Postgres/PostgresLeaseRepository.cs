using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresLeaseRepository(PostgresUnitOfWork uow) : ILeaseRepository
{
    /// <summary>Expired leases are forgotten after this long (the daily backup names one lease per day).</summary>
    private static readonly long ForgetAfter = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    public async Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = uow.Now;
        await uow.ExecuteAsync("DELETE FROM leases WHERE expires < $1", cancellationToken, Arg(now - ForgetAfter)).ConfigureAwait(false);

        // Two nodes at once: the second insert waits for the first's row and, in READ COMMITTED, evaluates the WHERE
        // against it, so exactly one of them gets an expired or free lease.
        return await uow.ExecuteAsync(
            """
            INSERT INTO leases (name, holder, expires) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
            WHERE leases.holder = excluded.holder OR leases.expires <= $4
            """,
            cancellationToken,
            Arg(name),
            Arg(holder),
            Arg(until.ToUnixTimeMilliseconds()),
            Arg(now)).ConfigureAwait(false) == 1;
    }

    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync("DELETE FROM leases WHERE name = $1 AND holder = $2", cancellationToken, Arg(name), Arg(holder));

    public async Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var found = await uow.QueryAsync(
            r => new Lease(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
            "SELECT name, holder, expires FROM leases WHERE name = $1",
            cancellationToken,
            Arg(name)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }
}
