using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteAuditLogRepository(SqliteUnitOfWork uow) : IAuditLogRepository
{
    private const string Columns = "id, time, actor, action, target, details";

    public Task<AuditEntry> AppendAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(actor);
            ArgumentException.ThrowIfNullOrWhiteSpace(action);
            ArgumentNullException.ThrowIfNull(target);
            return uow.QuerySingle(
                Map,
                $"INSERT INTO audit_log (time, actor, action, target, details) VALUES ($t, $actor, $action, $target, $details) RETURNING {Columns}",
                ("$t", uow.Now),
                ("$actor", actor),
                ("$action", action),
                ("$target", target),
                ("$details", details))!;
        });

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<AuditEntry>>(cancellationToken, () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegative(limit);
            return uow.Query(Map, $"SELECT {Columns} FROM audit_log ORDER BY id DESC LIMIT $limit OFFSET $offset", ("$limit", limit), ("$offset", offset));
        });

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => Convert.ToInt64(uow.Scalar("SELECT count(*) FROM audit_log"), System.Globalization.CultureInfo.InvariantCulture));

    private static AuditEntry Map(SqliteDataReader r) =>
        new(r.GetInt64(0), r.Time(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5));
}
