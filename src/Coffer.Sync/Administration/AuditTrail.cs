using Coffer.Storage;

namespace Coffer.Sync.Administration;

/// <summary>The audit log read a page at a time, newest first.</summary>
public sealed class AuditTrail(ICofferStore store)
{
    public const int PageSize = 50;

    /// <summary>Page <paramref name="page"/> (from 1) and how many entries there are in all.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long Total)> PageAsync(int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        await using var read = await store.BeginReadAsync(ct);
        var total = await read.AuditLog.CountAsync(ct);
        var offset = (int)Math.Min(int.MaxValue, (long)(page - 1) * PageSize);
        return (await read.AuditLog.ListAsync(offset, PageSize, ct), total);
    }
}
