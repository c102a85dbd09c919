namespace Coffer.Storage.Sqlite;

internal sealed class SqliteLoginFailureRepository(SqliteUnitOfWork uow) : ILoginFailureRepository
{
    public Task RecordAsync(string key, int allowance, TimeSpan window, int capacity, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var now = uow.Now;
            uow.Execute("DELETE FROM login_failures WHERE level - (($now - updated) * CAST(allowance AS REAL) / window_ms) <= 0", ("$now", now));
            uow.Execute(
                """
                INSERT INTO login_failures (key, level, allowance, window_ms, updated) VALUES ($k, 1, $a, $w, $now)
                ON CONFLICT (key) DO UPDATE SET
                    level = max(0.0, login_failures.level - (($now - login_failures.updated) * CAST(excluded.allowance AS REAL) / excluded.window_ms)) + 1,
                    allowance = excluded.allowance, window_ms = excluded.window_ms, updated = $now
                """,
                ("$k", LoginFailureKey.Of(key)),
                ("$a", Math.Max(1, allowance)),
                ("$w", Math.Max(1L, (long)window.TotalMilliseconds)),
                ("$now", now));
            return uow.Execute(
                "DELETE FROM login_failures WHERE key IN (SELECT key FROM login_failures WHERE key <> $k ORDER BY updated DESC, key LIMIT -1 OFFSET $cap)",
                ("$k", LoginFailureKey.Of(key)),
                ("$cap", Math.Max(0, capacity - 1)));
        });

    public Task<IReadOnlyList<string>> BlockedAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<string>>(cancellationToken, () => uow.Query(
            r => r.GetString(0),
            "SELECT key FROM login_failures WHERE level - (($now - updated) * CAST(allowance AS REAL) / window_ms) > allowance - 1",
            ("$now", uow.Now)));
}
