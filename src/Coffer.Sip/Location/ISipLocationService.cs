namespace Coffer.Sip.Location;

/// <summary>
/// The location service a registrar writes and a proxy reads (RFC 3261 §10.2): the bindings of each user, one per
/// device. A binding is gone the moment it expires, whether or not it was purged yet.
/// </summary>
public interface ISipLocationService
{
    /// <summary>The user's bindings that have not expired, ordered by device.</summary>
    Task<IReadOnlyList<SipBinding>> GetAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the given bindings of <paramref name="user"/> (added, or replacing the device's) and removes the bindings
    /// of <paramref name="removedDevices"/>, all at once.
    /// </summary>
    Task ApplyAsync(string user, IReadOnlyList<SipBinding> bindings, IReadOnlyList<string> removedDevices, CancellationToken cancellationToken = default);

    /// <summary>
    /// A registrar's read-modify-write (RFC 3261 §10.3 steps 6–8) as one step: <paramref name="decide"/> sees the user's
    /// current bindings and returns the change to make, or null to make none; no other update of the user comes between
    /// the two. Returns the bindings after the change, once it is durable; null when <paramref name="decide"/> refused.
    /// </summary>
    Task<IReadOnlyList<SipBinding>?> UpdateAsync(string user, Func<IReadOnlyList<SipBinding>, SipBindingChange?> decide, CancellationToken cancellationToken = default);
}
