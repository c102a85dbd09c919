using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresLoginFailureRepository(PostgresUnitOfWork uow) : ILoginFailureRepository
{
    public async Task RecordAsync(string key, int allowance, TimeSpan window, int capacity, CancellationToken cancellationToken = default)
    {
        var now = uow.Now;
        await uow.ExecuteAsync("DELETE FROM login_failures WHERE level - (($1 - updated) * allowance::float8 / window_ms) <= 0", cancellationToken, Arg(now)).ConfigureAwait(false);

        // Two nodes recording one key at once: the second waits for the first's row and drains and raises what it wrote.
        await uow.ExecuteAsync(
            """
            INSERT INTO login_failures (key, level, allowance, window_ms, updated) VALUES ($1, 1, $2, $3, $4)
            ON CONFLICT (key) DO UPDATE SET
                level = greatest(0.0, login_failures.level - (($4 - login_failures.updated) * excluded.allowance::float8 / excluded.window_ms)) + 1,
                allowance = excluded.allowance, window_ms = excluded.window_ms, updated = $4
            """,
            cancellationToken,
            Arg(LoginFailureKey.Of(key)),
            Arg(Math.Max(1, allowance)),
            Arg(Math.Max(1L, (long)window.TotalMilliseconds)),
            Arg(now)).ConfigureAwait(false);
        await uow.ExecuteAsync(
            "DELETE FROM login_failures WHERE key IN (SELECT key FROM login_failures WHERE key <> $1 ORDER BY updated DESC, key OFFSET $2)",
            cancellationToken,
            Arg(LoginFailureKey.Of(key)),
            Arg(Math.Max(0, capacity - 1))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> BlockedAsync(CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            r => r.GetString(0),
            "SELECT key FROM login_failures WHERE level - (($1 - updated) * allowance::float8 / window_ms) > allowance - 1",
            cancellationToken,
            Arg(uow.Now)).ConfigureAwait(false);
}
