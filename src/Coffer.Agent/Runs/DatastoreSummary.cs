namespace Coffer.Agent.Runs;

/// <summary>
/// What a run did to one datastore: the sync type it ran, the local files found new, changed, unchanged and deleted,
/// what the server accepted, refused or sent back, and the bytes posted and read. <see cref="Error"/> is set when the
/// datastore's session failed.
/// </summary>
public sealed record DatastoreSummary(string Datastore)
{
    public string Mode { get; init; } = "-";

    public int New { get; init; }

    public int Changed { get; init; }

    public int Unchanged { get; init; }

    public int Deleted { get; init; }

    public int Sent { get; init; }

    public int Refused { get; init; }

    public int QuotaRefused { get; init; }

    public int ReceivedAdded { get; init; }

    public int ReceivedChanged { get; init; }

    public int ReceivedDeleted { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public int Messages { get; init; }

    public string? Error { get; init; }

    public int ExitCode { get; init; }
}
