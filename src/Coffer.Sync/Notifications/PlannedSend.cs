namespace Coffer.Sync.Notifications;

/// <summary>One notification of a night's plan.</summary>
/// <param name="UserId">Whose devices are alerted.</param>
/// <param name="SendAt">The minute (UTC) it leaves.</param>
/// <param name="Due">The night it was due: earlier than the plan's night when it had been postponed.</param>
/// <param name="NextDue">The night the user's following notification is due.</param>
/// <param name="Carrier">The user's carrier when planned ("" for none).</param>
public readonly record struct PlannedSend(long UserId, DateTimeOffset SendAt, DateOnly Due, DateOnly NextDue, string Carrier);
