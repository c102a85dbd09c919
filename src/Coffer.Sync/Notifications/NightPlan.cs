namespace Coffer.Sync.Notifications;

/// <summary>What one night sends, in order of time, and what it postpones.</summary>
/// <param name="Night">The date the window starts on (in each subscriber's own time zone).</param>
/// <param name="Sends">The notifications, ordered by <see cref="PlannedSend.SendAt"/>.</param>
/// <param name="Postponed">What was due but did not fit: each keeps its due night and goes first the next night.</param>
public sealed record NightPlan(DateOnly Night, IReadOnlyList<PlannedSend> Sends, IReadOnlyList<PostponedSend> Postponed);
