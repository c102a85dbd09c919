namespace Coffer.Sync.Notifications;

/// <summary>
/// The late-night window and the sending capacity of server-alerted syncs (docs/notifications.md; seed 000 §5.4:
/// notifications go out in the late-night slots when traffic is low, under congestion control).
/// </summary>
public sealed record NotificationPlanOptions
{
    /// <summary>Where the window starts, in each subscriber's own time zone.</summary>
    public TimeOnly WindowStart { get; init; } = new(1, 0);

    /// <summary>How long the window lasts; the default window is 01:00–05:00.</summary>
    public int WindowMinutes { get; init; } = 240;

    /// <summary>How many notifications may leave in one minute, over all time zones together.</summary>
    public int CapacityPerMinute { get; init; } = 1000;

    /// <summary>
    /// The fewest notifications a minute of the plan carries once used (less only when fewer remain): a minute of
    /// three sends cannot mirror the carriers' shares, one of several hundred can within a percentage point.
    /// </summary>
    public int MinimumSlotSends { get; init; } = 400;

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem() =>
        WindowMinutes is < 1 or > 12 * 60 ? "the window must last between 1 minute and 12 hours"
        : CapacityPerMinute < 1 ? "the capacity per minute must be at least 1"
        : MinimumSlotSends < 1 ? "the minimum sends per minute must be at least 1"
        : null;
}
