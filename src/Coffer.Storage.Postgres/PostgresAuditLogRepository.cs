using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresAuditLogRepository(PostgresUnitOfWork uow) : IAuditLogRepository
{
    private const string Columns = "id, time, actor, action, target, details";

    public async Task<AuditEntry> AppendAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(target);
        return (await uow.QuerySingleAsync(
            Map,
            $"INSERT INTO audit_log (time, actor, action, target, details) VALUES ($1, $2, $3, $4, $5) RETURNING {Columns}",
            cancellationToken,
            Arg(uow.Now),
            Arg(actor),
            Arg(action),
            Arg(target),
            Arg(details)).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await uow.QueryAsync(Map, $"SELECT {Columns} FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2", cancellationToken, Arg(limit), Arg(offset)).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        Convert.ToInt64(await uow.ScalarAsync("SELECT count(*) FROM audit_log", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

    private static AuditEntry Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.Time(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5));
}
