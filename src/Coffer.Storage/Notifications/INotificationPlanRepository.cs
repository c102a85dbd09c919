namespace Coffer.Storage;

/// <summary>
/// The nightly notification plans and each user's next due night (docs/notifications.md). A night is planned once:
/// its entries and the users' next due nights are saved together, so a restart neither plans a night twice nor
/// forgets whom it postponed; an entry is taken for sending under a lease, and taken again only when its lease ends
/// without an outcome (its server died).
/// </summary>
public interface INotificationPlanRepository
{
    /// <summary>Enabled users with at least one device, with their settings and next due night, by id.</summary>
    Task<IReadOnlyList<NotificationSubscriber>> ListSubscribersAsync(CancellationToken cancellationToken = default);

    Task<bool> HasPlanAsync(DateOnly night, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a night's entries (planned and postponed) and sets each entry's user's next due night to its
    /// <see cref="NotificationEntry.NextDue"/>; false, saving nothing, when the night already has a plan.
    /// </summary>
    Task<bool> SavePlanAsync(DateOnly night, IReadOnlyList<NotificationEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> planned entries whose minute has come (earliest first) and marks them
    /// <see cref="NotificationState.Sending"/>, a lease of <paramref name="lease"/> (default
    /// <see cref="DefaultSendLease"/>): an entry still <see cref="NotificationState.Sending"/> that long after it was
    /// taken (its server died before <see cref="FinishAsync"/>) is taken again. Servers sharing a database never take
    /// the same entry within its lease.
    /// </summary>
    Task<IReadOnlyList<NotificationEntry>> TakeDueAsync(DateTimeOffset now, int limit, TimeSpan? lease = null, CancellationToken cancellationToken = default);

    /// <summary>How long a taken entry waits for its outcome before it is taken again: ten minutes.</summary>
    static readonly TimeSpan DefaultSendLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Records how a taken entry ended (sent or failed), or hands it back (<see cref="NotificationState.Planned"/>)
    /// when it was never given to a channel; false when it was not being sent.
    /// </summary>
    Task<bool> FinishAsync(DateOnly night, long userId, NotificationState state, string? error, CancellationToken cancellationToken = default);

    /// <summary>A night's entries by minute then user, skipping <paramref name="offset"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<NotificationEntry>> ListAsync(DateOnly night, NotificationState? state, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>A night's entries counted by carrier and state.</summary>
    Task<IReadOnlyList<NotificationCount>> CountAsync(DateOnly night, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the notification secret of a device (its row id), sealed under the user's data key; false when there is
    /// no such device. The key of the digests of the notifications it receives (docs/notifications.md).
    /// </summary>
    Task<bool> SetDeviceSecretAsync(long deviceId, byte[] secret, CancellationToken cancellationToken = default);

    /// <summary>The device's notification secret in clear, or null when it has none (or there is no such device).</summary>
    Task<byte[]?> GetDeviceSecretAsync(long deviceId, CancellationToken cancellationToken = default);
}
