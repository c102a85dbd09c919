namespace Coffer.Storage;

/// <summary>
/// Whether the reads of the current flow of work may come from a read replica (docs/operations.md, "Reads from the
/// standby"): a web page or an API listing that tolerates a moment's lag opens <see cref="Allow"/>; whatever decides
/// access or writes (authentication, sign-in, the sync engine) never does, or opens <see cref="Primary"/> to be sure.
/// The choice flows with the async call chain, so the services between a request and the store need not carry it.
/// </summary>
public static class ReplicaReads
{
    private static readonly AsyncLocal<bool> Allowed = new();

    /// <summary>Whether <see cref="ICofferStore.BeginReadAsync"/> may be served by the replica here.</summary>
    public static bool AreAllowed => Allowed.Value;

    /// <summary>Lets the reads in the scope come from the replica.</summary>
    public static Scope Allow() => new(true);

    /// <summary>Sends the reads in the scope to the primary, inside an allowing scope too.</summary>
    public static Scope Primary() => new(false);

    /// <summary>Restores the previous choice when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool previous;

        internal Scope(bool allowed)
        {
            previous = Allowed.Value;
            Allowed.Value = allowed;
        }

        public void Dispose() => Allowed.Value = previous;
    }
}
