namespace Coffer.Storage;

/// <summary>Datastores of a user (at most one per kind).</summary>
public interface IDatastoreRepository
{
    /// <summary>Returns the user's datastore of this kind, creating it when missing.</summary>
    Task<Datastore> EnsureAsync(long userId, DatastoreKind kind, CancellationToken cancellationToken = default);

    Task<Datastore?> GetAsync(long userId, DatastoreKind kind, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Datastore>> ListAsync(long userId, CancellationToken cancellationToken = default);
}
