using Coffer.Storage;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Notifications;

/// <summary>
/// Plans each night once and sends its notifications as their minutes come (docs/notifications.md). Everything it
/// decides is in the store before it acts: the plan with the users' next due nights in one transaction, and an entry
/// is marked as being sent before it is sent, so a restart — or a second server on the same database — neither plans
/// a night twice, nor sends anybody twice, nor forgets anybody postponed.
/// </summary>
public sealed class NotificationScheduler(
    ICofferStore store,
    NotificationPlanOptions options,
    INotificationSender sender,
    TimeProvider time,
    ILogger<NotificationScheduler> logger)
{
    /// <summary>The earliest a window can open is 01:00 at UTC+14, 11:00 UTC the day before: plan before that.</summary>
    private static readonly TimeSpan PlanAhead = TimeSpan.FromHours(14);

    private readonly NightPlanner planner = new(options);

    /// <summary>The night the scheduler plans at <paramref name="now"/>: the one whose earliest window opens next.</summary>
    public static DateOnly NightToPlan(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime + PlanAhead);

    /// <summary>Plans the coming night unless it is planned already; returns the plan when this call made it.</summary>
    public async Task<NightPlan?> PlanAsync(CancellationToken cancellationToken = default)
    {
        var night = NightToPlan(time.GetUtcNow());
        IReadOnlyList<NotificationSubscriber> subscribers;
        await using (var read = await store.BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await read.Notifications.HasPlanAsync(night, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            subscribers = await read.Notifications.ListSubscribersAsync(cancellationToken).ConfigureAwait(false);
        }

        var plan = planner.Plan(night, subscribers.Select(ToSubscriber).ToArray());
        var entries = new List<NotificationEntry>(plan.Sends.Count + plan.Postponed.Count);
        entries.AddRange(plan.Sends.Select(s => new NotificationEntry(night, s.UserId, s.SendAt, s.Due, s.NextDue, s.Carrier, NotificationState.Planned)));
        entries.AddRange(plan.Postponed.Select(p => new NotificationEntry(night, p.UserId, null, p.Due, p.Due, p.Carrier, NotificationState.Postponed)));
        await using var uow = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (!await uow.Notifications.SavePlanAsync(night, entries, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Planned night {Night}: {Sends} notifications, {Postponed} postponed", night, plan.Sends.Count, plan.Postponed.Count);
        return plan;
    }

    /// <summary>Sends every planned notification whose minute has come; returns how many it took.</summary>
    public async Task<int> SendDueAsync(int batch = 500, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            IReadOnlyList<NotificationEntry> taken;
            await using (var uow = await store.BeginAsync(cancellationToken).ConfigureAwait(false))
            {
                taken = await uow.Notifications.TakeDueAsync(time.GetUtcNow(), batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (taken.Count == 0)
            {
                return total;
            }

            var results = new List<(NotificationEntry Entry, NotificationState State, string? Error)>(taken.Count);
            var stopped = false;
            foreach (var entry in taken)
            {
                if (stopped || cancellationToken.IsCancellationRequested)
                {
                    // Never handed to a channel: planned again, so the next tick (or the restarted server) sends it.
                    results.Add((entry, NotificationState.Planned, null));
                    continue;
                }

                try
                {
                    var error = await SendOneAsync(entry, cancellationToken).ConfigureAwait(false);
                    results.Add((entry, error == null ? NotificationState.Sent : NotificationState.Failed, error));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped while a channel had it: it may have gone out, so it stays Sending (at most once).
                    stopped = true;
                }
            }

            await using (var uow = await store.BeginAsync(CancellationToken.None).ConfigureAwait(false))
            {
                foreach (var (entry, state, error) in results)
                {
                    await uow.Notifications.FinishAsync(entry.Night, entry.UserId, state, error, CancellationToken.None).ConfigureAwait(false);
                }

                await uow.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            total += taken.Count;
        }
    }

    private async Task<string?> SendOneAsync(NotificationEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var error = await sender.SendAsync(entry.UserId, cancellationToken).ConfigureAwait(false);
            if (error != null)
            {
                logger.LogWarning("Notification for user {User} of night {Night} not delivered: {Error}", entry.UserId, entry.Night, error);
            }

            return error;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Notification for user {User} of night {Night} failed", entry.UserId, entry.Night);
            return e.Message;
        }
    }

    private static Subscriber ToSubscriber(NotificationSubscriber s) =>
        new(s.UserId, s.Settings.Carrier ?? "", s.Settings.SyncInterval, s.Settings.NightHour, s.Settings.TimeZone, s.NextDue);
}
