namespace Coffer.Storage;

/// <summary>The audit log of administrative actions; entries are only ever added.</summary>
public interface IAuditLogRepository
{
    /// <summary>Records an action now; returns the entry as stored.</summary>
    Task<AuditEntry> AppendAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>Entries newest first, skipping <paramref name="offset"/> and returning at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
