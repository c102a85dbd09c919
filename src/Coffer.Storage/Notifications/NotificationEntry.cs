namespace Coffer.Storage;

/// <summary>One user's line in a night's notification plan (docs/notifications.md).</summary>
/// <param name="Night">The night of the plan.</param>
/// <param name="SendAt">The minute it leaves; null when postponed.</param>
/// <param name="Due">The night it was due (earlier than <paramref name="Night"/> after a postponement).</param>
/// <param name="NextDue">The night the user's next notification is due once this plan is saved.</param>
/// <param name="Carrier">The user's carrier when planned ("" for none).</param>
/// <param name="Error">Why delivery failed, when it did.</param>
public sealed record NotificationEntry(
    DateOnly Night,
    long UserId,
    DateTimeOffset? SendAt,
    DateOnly Due,
    DateOnly NextDue,
    string Carrier,
    NotificationState State,
    string? Error = null);
