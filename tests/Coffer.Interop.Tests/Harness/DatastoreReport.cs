namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// One datastore's result in a session, from status.ini. "Local" counts changes SyncEvolution applied to the
/// phone's folder (items that came from the server); "Remote" counts changes the server applied (items the
/// phone sent), as SyncEvolution's own "Changes applied during synchronization" table reports them.
/// </summary>
public sealed record DatastoreReport
{
    /// <summary>The local datastore name (contacts, calendar, ...).</summary>
    public required string Name { get; init; }

    /// <summary>The mode that ran as SyncEvolution names it (two-way, slow, refresh-from-remote, disabled, ...).</summary>
    public string? Mode { get; init; }

    /// <summary>True for a first sync (no stored anchors).</summary>
    public bool First { get; init; }

    /// <summary>True when the session resumed a suspended one (Alert 225).</summary>
    public bool Resume { get; init; }

    /// <summary>0 on success, else a SyncML or SyncEvolution status (e.g. 401, 20006).</summary>
    public int Status { get; init; }

    public long LocalAdded { get; init; }

    public long LocalUpdated { get; init; }

    public long LocalDeleted { get; init; }

    /// <summary>Items the phone failed to store (local rejects).</summary>
    public long LocalErrors { get; init; }

    public long RemoteAdded { get; init; }

    public long RemoteUpdated { get; init; }

    public long RemoteDeleted { get; init; }

    /// <summary>Items the server rejected.</summary>
    public long RemoteErrors { get; init; }

    /// <summary>Conflicts of every resolution (server won, client won, duplicated).</summary>
    public long Conflicts { get; init; }

    /// <summary>Payload bytes the phone sent for this datastore.</summary>
    public long BytesSent { get; init; }

    /// <summary>Payload bytes the phone received for this datastore.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Every stat-* entry as written (e.g. "remote-added-total"), for anything not surfaced above.</summary>
    public IReadOnlyDictionary<string, long> Stats { get; init; } = new Dictionary<string, long>();
}
