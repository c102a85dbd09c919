namespace Coffer.Storage;

/// <summary>DM jobs of the devices (table dm_jobs) with their consent log and report.</summary>
public interface IDmJobRepository
{
    /// <summary>A new pending job, due now.</summary>
    Task<DmJob> CreateAsync(long deviceId, DmJobKind kind, long? sourceSnapshot, CancellationToken cancellationToken = default);

    Task<DmJob?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The device's jobs, newest first.</summary>
    Task<IReadOnlyList<DmJob>> ListAsync(long deviceId, CancellationToken cancellationToken = default);

    /// <summary>The device's oldest open job whose next attempt is due by now; null when none.</summary>
    Task<DmJob?> DueAsync(long deviceId, CancellationToken cancellationToken = default);

    /// <summary>Deferred jobs (of every device) whose next attempt is due by now, the longest due first; at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DmJob>> DeferredDueAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Writes the job's state, attempts, next attempt, decisions and report.</summary>
    Task<bool> UpdateAsync(DmJob job, CancellationToken cancellationToken = default);
}
