using Coffer.Storage;

namespace Coffer.Sync.Sessions;

/// <summary>The state of one datastore within a session: its sync mode, anchors and how far the server has sent.</summary>
public sealed class DatastoreSession
{
    /// <summary>The client's own name of the datastore (its Alert Source LocURI, e.g. "./contacts").</summary>
    public string ClientUri { get; set; } = string.Empty;

    /// <summary>The server datastore name as the client addressed it (Alert Target LocURI, e.g. "card").</summary>
    public string ServerUri { get; set; } = string.Empty;

    public DatastoreKind Kind { get; set; }

    public long DatastoreId { get; set; }

    /// <summary>The sync type in effect (200–205 after mapping 206–210), OMA-TS-DS_Protocol-V1_2 §5.6 Table 1.</summary>
    public int Mode { get; set; }

    public string? ClientNextAnchor { get; set; }

    public string? ServerLastAnchor { get; set; }

    public string ServerNextAnchor { get; set; } = string.Empty;

    /// <summary>The device's acknowledged sequence cursor when the session began.</summary>
    public long StartCursor { get; set; }

    /// <summary>The user's sequence when the server started sending: the upper bound of what this session sends.</summary>
    public long SnapshotSequence { get; set; }

    /// <summary>Paging position: the sequence of the last item considered for sending.</summary>
    public long LastSentSequence { get; set; }

    /// <summary>Every change up to <see cref="SnapshotSequence"/> has been put in a message.</summary>
    public bool SendDone { get; set; }

    /// <summary>The lowest sequence the device refused (error status): the cursor stays below it so it is retried.</summary>
    public long? LowestFailedSequence { get; set; }

    /// <summary>Items to send as Replace because a merge or twin match changed them (slow sync), by GUID.</summary>
    public List<string> PendingUpdates { get; set; } = [];

    /// <summary>Content type and version to send items in (from the device's DevInf, else what it sent us).</summary>
    public string? SendType { get; set; }

    public string? SendVersion { get; set; }

    /// <summary>MaxObjSize the client gave for this datastore in its Alert (OMA-TS-DS_Protocol-V1_2 §6.10).</summary>
    public long? MaxObjSize { get; set; }

    public int ClientAdds { get; set; }

    public int ClientReplaces { get; set; }

    public int ClientDeletes { get; set; }

    public int ClientRejects { get; set; }

    public int ServerAdds { get; set; }

    public int ServerReplaces { get; set; }

    public int ServerDeletes { get; set; }

    /// <summary>Our Sync command for this datastore went out (every datastore gets one in package 4, even empty).</summary>
    public bool SyncCommandSent { get; set; }

    /// <summary>
    /// The recovery (SyncState.RecoverySequence) this session's device had not synced since; it is settled when the
    /// session completes.
    /// </summary>
    public long? RecoverySequence { get; set; }

    /// <summary>Adds refused with 420 because the user's quota was full.</summary>
    public int QuotaRefusals { get; set; }

    /// <summary>Items the device sent that the recovered data does not hold: kept as deleted in the history, deleted on the device.</summary>
    public int Retired { get; set; }

    /// <summary>
    /// The slow sync right after a recovery from the storage area (seed 000 §5.3): the recovered data wins, and the
    /// device ends up holding exactly it.
    /// </summary>
    public bool AfterRecovery => RecoverySequence != null && IsSlow;

    public bool IsSlow => Mode == 201;

    public bool ClientSends => Mode is 200 or 201 or 202 or 203;

    public bool ServerSends => Mode is 200 or 201 or 204 or 205;

    public bool IsRefreshFromClient => Mode == 203;

    public bool IsRefreshFromServer => Mode == 205;
}
