namespace Coffer.Storage;

/// <summary>
/// The SIP location service's bindings, kept in the store so that every node and a restarted one see them. A binding
/// whose expiry has passed is never returned; <see cref="PurgeExpiredAsync"/> removes such rows.
/// </summary>
public interface ISipBindingRepository
{
    /// <summary>The user's bindings that have not expired at <paramref name="now"/>, by device.</summary>
    Task<IReadOnlyList<StoredSipBinding>> ListAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every user's bindings that have not expired at <paramref name="now"/>, by user name and device.</summary>
    Task<IReadOnlyList<StoredSipBinding>> ListAllAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Adds the binding of its user and device, or replaces it.</summary>
    Task PutAsync(StoredSipBinding binding, CancellationToken cancellationToken = default);

    /// <summary>Removes one device's binding; false when there was none.</summary>
    Task<bool> RemoveAsync(long userId, string device, CancellationToken cancellationToken = default);

    /// <summary>Removes the bindings that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
