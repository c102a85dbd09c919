namespace Coffer.Sync.Recovery;

/// <summary>Item history (configuration section <c>Coffer:History</c>).</summary>
public sealed class HistoryOptions
{
    /// <summary>How long replaced and deleted versions are kept; a point-in-time restore reaches back this far.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often the retention job prunes.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Versions deleted per transaction by the retention job, so a prune never holds the write lock long.</summary>
    public int PruneBatch { get; set; } = 500;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
