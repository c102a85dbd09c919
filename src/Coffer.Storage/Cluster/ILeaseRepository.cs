namespace Coffer.Storage;

/// <summary>
/// Named leases in the store, so that of several server nodes on one database exactly one runs a job at a time (the
/// notification scheduler, history retention, the daily backup; docs/operations.md "Several nodes"). A lease has a
/// holder and an expiry; a holder that dies stops renewing it, and another node takes it once it expired. Times are the
/// store's clock (<see cref="ICofferStore.Time"/>): nodes must keep their clocks in step (NTP) to well within a lease.
/// </summary>
public interface ILeaseRepository
{
    /// <summary>
    /// Takes the lease called <paramref name="name"/> for <paramref name="holder"/> until <paramref name="until"/> when
    /// nobody holds it, its holder let it expire, or <paramref name="holder"/> holds it already (a renewal, which may
    /// also shorten it). Returns whether <paramref name="holder"/> holds it now.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up when <paramref name="holder"/> holds it; otherwise does nothing.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default);

    /// <summary>The lease as stored (also when expired); null when it was never taken or was released.</summary>
    Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default);
}
