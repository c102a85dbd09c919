namespace Coffer.Storage;

/// <summary>
/// Failed logins shared by the nodes of a cluster (docs/security.md, "Failed logins"), as leaky buckets: each key (an
/// account name's key or a client address) has a level that drains at <c>allowance / window</c> and rises by one per
/// failure; a key whose level leaves less than one failure of its allowance is blocked on every node. Only failures
/// write; a node learns which keys are blocked by reading. Keys are stored as <see cref="LoginFailureKey.Of"/> gives
/// them, and the table keeps at most a capacity of buckets: beyond it the least recently failed are forgotten.
/// </summary>
public interface ILoginFailureRepository
{
    /// <summary>
    /// One failed login under <paramref name="key"/> (stored as <see cref="LoginFailureKey.Of"/>), whose bucket holds
    /// <paramref name="allowance"/> failures and drains over <paramref name="window"/>; drained buckets are deleted, and
    /// so are the least recently failed beyond <paramref name="capacity"/> buckets.
    /// </summary>
    Task RecordAsync(string key, int allowance, TimeSpan window, int capacity, CancellationToken cancellationToken = default);

    /// <summary>The keys blocked now (their allowance used up), and forgets the buckets that drained empty.</summary>
    Task<IReadOnlyList<string>> BlockedAsync(CancellationToken cancellationToken = default);
}
