using Coffer.Storage;

namespace Coffer.Sync.Quotas;

/// <summary>A user's limits in effect (0 = unlimited), whether they are the user's own, and what is used.</summary>
public sealed record QuotaReport(long MaxItems, long MaxBytes, bool OwnItems, bool OwnBytes, StorageUsage Usage);
