using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>A night's notifications for administrators (docs/notifications.md, "Administration").</summary>
/// <param name="Planned">Whether the night has a plan yet.</param>
/// <param name="Waiting">Planned, their minute not yet come.</param>
/// <param name="Sending">Taken for sending and not finished (a crash leaves them so; they are not retried).</param>
/// <param name="Failures">The failed ones with their reasons, at most <see cref="NotificationOverview.FailureLimit"/>.</param>
public sealed record NightOverview(
    DateOnly Night,
    bool Planned,
    int Waiting,
    int Sending,
    int Sent,
    int Failed,
    int Postponed,
    IReadOnlyList<CarrierSpread> Carriers,
    IReadOnlyList<NotificationEntry> Failures)
{
    public int Total => Waiting + Sending + Sent + Failed + Postponed;
}
