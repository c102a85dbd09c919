namespace Coffer.Storage;

/// <summary>Devices of a user.</summary>
public interface IDeviceRepository
{
    /// <summary>Returns the device, creating it (first seen = now) when new, and sets its last access to now.</summary>
    Task<Device> RegisterAccessAsync(long userId, string deviceId, CancellationToken cancellationToken = default);

    Task<Device?> GetAsync(long userId, string deviceId, CancellationToken cancellationToken = default);

    Task<Device?> GetByIdAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Device>> ListAsync(long userId, CancellationToken cancellationToken = default);

    Task<bool> SetDevInfAsync(long id, byte[]? devInf, CancellationToken cancellationToken = default);

    Task<bool> SetNonceAsync(long id, byte[]? nonce, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a successful login: the login count moves on by one and a stored nonce is forgotten, but only while the
    /// count still is <paramref name="expectedLoginCount"/>; false when another login took that count first (a replay).
    /// </summary>
    Task<bool> RecordLoginAsync(long id, long expectedLoginCount, CancellationToken cancellationToken = default);

    /// <summary>Deletes the device with its sync states and maps (the next sync of that phone is a slow sync).</summary>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);
}
