using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>Tonight's plan, or another night's, as the admin page and the admin API show it.</summary>
public sealed class NotificationOverview(ICofferStore store, TimeProvider time)
{
    public const int FailureLimit = 50;

    /// <summary>The night the scheduler plans now: tonight's while a window can still open, else the coming one.</summary>
    public DateOnly Tonight => NotificationScheduler.NightToPlan(time.GetUtcNow());

    public async Task<NightOverview> GetAsync(DateOnly? night = null, CancellationToken ct = default)
    {
        var which = night ?? Tonight;
        await using var uow = await store.BeginReadAsync(ct).ConfigureAwait(false);
        var planned = await uow.Notifications.HasPlanAsync(which, ct).ConfigureAwait(false);
        var counts = await uow.Notifications.CountAsync(which, ct).ConfigureAwait(false);
        var failures = await uow.Notifications.ListAsync(which, NotificationState.Failed, 0, FailureLimit, ct).ConfigureAwait(false);
        var total = counts.Sum(c => c.Count);
        int Of(NotificationState state, IEnumerable<NotificationCount> of) => of.Where(c => c.State == state).Sum(c => c.Count);
        var carriers = counts
            .GroupBy(c => c.Carrier, StringComparer.Ordinal)
            .Select(g => new CarrierSpread(
                g.Key,
                Of(NotificationState.Planned, g),
                Of(NotificationState.Sent, g),
                Of(NotificationState.Failed, g),
                Of(NotificationState.Postponed, g),
                total == 0 ? 0 : g.Sum(c => c.Count) / (double)total))
            .OrderByDescending(c => c.Share)
            .ThenBy(c => c.Carrier, StringComparer.Ordinal)
            .ToList();
        return new NightOverview(
            which,
            planned,
            Of(NotificationState.Planned, counts),
            Of(NotificationState.Sending, counts),
            Of(NotificationState.Sent, counts),
            Of(NotificationState.Failed, counts),
            Of(NotificationState.Postponed, counts),
            carriers,
            failures);
    }
}
