namespace Coffer.Storage;

/// <summary>A user's own limits; null means "the server's default", 0 means unlimited (docs/history-and-recovery.md, Quotas).</summary>
/// <param name="MaxItems">Live items over all datastores.</param>
/// <param name="MaxBytes">Content bytes of the live items (before compression).</param>
public sealed record UserQuota(long? MaxItems, long? MaxBytes);
