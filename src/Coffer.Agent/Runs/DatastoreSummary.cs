using Coffer.Agent.Protocol;
using Coffer.Agent.Sources;
using Coffer.SyncML;

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

    /// <summary>A finished session: the local changes found (<paramref name="local"/>), what the server did with them and sent back.</summary>
    public static DatastoreSummary Of(string datastore, SessionResult result, ScanCounts local, long bytesReceived) => new(datastore)
    {
        Mode = SyncModeNames.Of(result.ServerAlert),
        New = local.New,
        Changed = local.Changed,
        Unchanged = local.Unchanged,

        // A slow sync sends every item and deletes nothing on the server.
        Deleted = result.ServerAlert == AlertCode.SlowSync ? 0 : local.Deleted,
        Sent = result.ItemsSent,
        Refused = result.Refused,
        QuotaRefused = result.QuotaRefused,
        ReceivedAdded = result.ReceivedAdds,
        ReceivedChanged = result.ReceivedReplaces,
        ReceivedDeleted = result.ReceivedDeletes,
        BytesSent = result.BytesSent,
        BytesReceived = bytesReceived,
        Messages = result.Messages,
        ExitCode = result.QuotaRefused > 0 ? ExitCodes.QuotaFull : result.Refused > 0 ? ExitCodes.ItemsRefused : ExitCodes.Ok,
        Error = result.QuotaRefused > 0 ? $"quota full: the server refused {result.QuotaRefused} items (status 420)" : null,
    };
}
