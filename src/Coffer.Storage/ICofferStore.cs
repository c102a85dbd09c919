namespace Coffer.Storage;

/// <summary>
/// The storage contract every backend (SQLite now, PostgreSQL later) implements. All work happens in a
/// unit of work: the sync engine applies one incoming SyncML message in one <see cref="IUnitOfWork"/>, so item
/// writes, map changes, sync state, session state and the cached reply commit together or not at all.
/// </summary>
public interface ICofferStore : IAsyncDisposable
{
    /// <summary>Creates and migrates the schema. Called implicitly by the first <see cref="BeginAsync"/>.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The master key and the cache of unwrapped data keys (after <see cref="InitializeAsync"/>).</summary>
    DataKeyRing KeyRing { get; }

    /// <summary>
    /// Starts a read-write unit of work. Writers to the same user are serialized by the backend (SQLite: the
    /// database write lock taken at BEGIN IMMEDIATE; PostgreSQL: the user's sequence row lock), so sequences
    /// become visible in the order they were assigned.
    /// </summary>
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a unit of work meant for reads only (web listings, exports); it does not block writers.</summary>
    Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the whole store and reports what is inconsistent: the backend's own file or page checks, rows that point
    /// at nothing (orphans), sequences beyond their user's counter or used twice, items without their current version,
    /// maps onto items of another datastore, and every stored payload decoded through the payload codec. Changes
    /// nothing; writers are not blocked.
    /// </summary>
    Task<IntegrityReport> CheckIntegrityAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a failed unit of work may succeed when run again from the start: the database was unreachable for a
    /// moment, restarted, or is being failed over to its standby (docs/operations.md, "Several nodes"), or the
    /// transaction lost a serialization conflict. Nothing of such a unit of work was committed.
    /// </summary>
    bool IsTransient(Exception exception);
}
