namespace Coffer.Sync.Quotas;

/// <summary>
/// Default per-user limits (configuration section <c>Coffer:Quota</c>); a user's own limits (<c>coffer quota set</c>)
/// override them. 0 means unlimited.
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>Live items over all of a user's datastores.</summary>
    public long MaxItems { get; set; } = 100_000;

    /// <summary>Content bytes of a user's live items (before compression).</summary>
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
