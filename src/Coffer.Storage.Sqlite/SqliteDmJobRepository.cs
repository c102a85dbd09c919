using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteDmJobRepository(SqliteUnitOfWork uow) : IDmJobRepository
{
    private const string Columns = "id, device_id, kind, source_snapshot, state, attempts, next_attempt, created, decisions, report";

    public Task<DmJob> CreateAsync(long deviceId, DmJobKind kind, long? sourceSnapshot, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            Map,
            $"""
            INSERT INTO dm_jobs (device_id, kind, source_snapshot, state, attempts, next_attempt, created, decisions, report)
            VALUES ($d, $k, $s, {(int)DmJobState.Pending}, 0, $now, $now, '[]', NULL) RETURNING {Columns}
            """,
            ("$d", deviceId),
            ("$k", (int)kind),
            ("$s", sourceSnapshot),
            ("$now", uow.Now))!);

    public Task<DmJob?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM dm_jobs WHERE id = $id", ("$id", id)));

    public Task<IReadOnlyList<DmJob>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<DmJob>>(cancellationToken, () =>
            uow.Query(Map, $"SELECT {Columns} FROM dm_jobs WHERE device_id = $d ORDER BY id DESC", ("$d", deviceId)));

    public Task<DmJob?> DueAsync(long deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            Map,
            $"""
            SELECT {Columns} FROM dm_jobs
            WHERE device_id = $d AND state IN ({(int)DmJobState.Pending}, {(int)DmJobState.Asked}, {(int)DmJobState.Deferred}, {(int)DmJobState.Running})
              AND next_attempt <= $now
            ORDER BY id LIMIT 1
            """,
            ("$d", deviceId),
            ("$now", uow.Now)));

    public Task<IReadOnlyList<DmJob>> DeferredDueAsync(int max, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<DmJob>>(cancellationToken, () => uow.Query(
            Map,
            $"SELECT {Columns} FROM dm_jobs WHERE state = {(int)DmJobState.Deferred} AND next_attempt <= $now ORDER BY next_attempt, id LIMIT $max",
            ("$now", uow.Now),
            ("$max", max)));

    public Task<bool> UpdateAsync(DmJob job, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(job);
            return uow.Execute(
                "UPDATE dm_jobs SET state = $st, attempts = $a, next_attempt = $n, decisions = $dec, report = $r WHERE id = $id",
                ("$st", (int)job.State),
                ("$a", job.Attempts),
                ("$n", job.NextAttempt.ToDb()),
                ("$dec", DmDecisionLog.Write(job.Decisions)),
                ("$r", job.Report),
                ("$id", job.Id)) == 1;
        });

    private static DmJob Map(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        (DmJobKind)r.GetInt32(2),
        r.NullableInt64(3),
        (DmJobState)r.GetInt32(4),
        r.GetInt32(5),
        r.Time(6),
        r.Time(7),
        DmDecisionLog.Read(r.GetString(8)),
        r.NullableString(9));
}
