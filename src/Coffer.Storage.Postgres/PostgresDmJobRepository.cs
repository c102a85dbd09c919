using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresDmJobRepository(PostgresUnitOfWork uow) : IDmJobRepository
{
    private const string Columns = "id, device_id, kind, source_snapshot, state, attempts, next_attempt, created, decisions, report";

    public async Task<DmJob> CreateAsync(long deviceId, DmJobKind kind, long? sourceSnapshot, CancellationToken cancellationToken = default) =>
        (await uow.QuerySingleAsync(
            Map,
            $"""
            INSERT INTO dm_jobs (device_id, kind, source_snapshot, state, attempts, next_attempt, created, decisions, report)
            VALUES ($1, $2, $3, {(int)DmJobState.Pending}, 0, $4, $4, '[]', NULL) RETURNING {Columns}
            """,
            cancellationToken,
            Arg(deviceId),
            Arg((int)kind),
            Arg(sourceSnapshot),
            Arg(uow.Now)).ConfigureAwait(false))!;

    public Task<DmJob?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM dm_jobs WHERE id = $1", cancellationToken, Arg(id));

    public async Task<IReadOnlyList<DmJob>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM dm_jobs WHERE device_id = $1 ORDER BY id DESC", cancellationToken, Arg(deviceId)).ConfigureAwait(false);

    public Task<DmJob?> DueAsync(long deviceId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(
            Map,
            $"""
            SELECT {Columns} FROM dm_jobs
            WHERE device_id = $1 AND state IN ({(int)DmJobState.Pending}, {(int)DmJobState.Asked}, {(int)DmJobState.Deferred}, {(int)DmJobState.Running})
              AND next_attempt <= $2
            ORDER BY id LIMIT 1
            """,
            cancellationToken,
            Arg(deviceId),
            Arg(uow.Now));

    public async Task<IReadOnlyList<DmJob>> DeferredDueAsync(int max, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            Map,
            $"SELECT {Columns} FROM dm_jobs WHERE state = {(int)DmJobState.Deferred} AND next_attempt <= $1 ORDER BY next_attempt, id LIMIT $2",
            cancellationToken,
            Arg(uow.Now),
            Arg(max)).ConfigureAwait(false);

    public async Task<bool> UpdateAsync(DmJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return await uow.ExecuteAsync(
            "UPDATE dm_jobs SET state = $1, attempts = $2, next_attempt = $3, decisions = $4, report = $5 WHERE id = $6",
            cancellationToken,
            Arg((int)job.State),
            Arg(job.Attempts),
            Arg(job.NextAttempt.ToUnixTimeMilliseconds()),
            Arg(DmDecisionLog.Write(job.Decisions)),
            Arg(job.Report),
            Arg(job.Id)).ConfigureAwait(false) == 1;
    }

    private static DmJob Map(NpgsqlDataReader r) => new(
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
