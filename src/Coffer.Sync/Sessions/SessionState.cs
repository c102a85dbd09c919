namespace Coffer.Sync.Sessions;

/// <summary>
/// Everything the engine knows about a session between two messages. It is persisted (as JSON) with every
/// message in the same transaction as the data, so a restart or another node can take the next message.
/// </summary>
public sealed class SessionState
{
    public string ClientSessionId { get; set; } = string.Empty;

    public string DeviceId { get; set; } = string.Empty;

    public long UserId { get; set; }

    public string UserName { get; set; } = string.Empty;

    public long DeviceRowId { get; set; }

    /// <summary>"1.0", "1.1" or "1.2": the representation version the client speaks (we answer in the same).</summary>
    public string Version { get; set; } = "1.2";

    public bool Wbxml { get; set; }

    public long ClientMaxMsgSize { get; set; }

    public long? ClientMaxObjSize { get; set; }

    /// <summary>The client's DevInf says it handles large objects (OMA-TS-DS_Protocol-V1_2 §6.10).</summary>
    public bool ClientLargeObjects { get; set; }

    /// <summary>The client's DevInf says it reads item data in Format bin (<see cref="SyncML.DevInf.BinItemData"/>).</summary>
    public bool ClientBinData { get; set; }

    /// <summary>MsgID of the last client message applied (a resend of it is answered from the reply cache).</summary>
    public string LastClientMsgId { get; set; } = string.Empty;

    public int NextServerMsgId { get; set; } = 1;

    public List<DatastoreSession> Datastores { get; set; } = [];

    /// <summary>Our Add/Replace/Delete commands awaiting the client's Status, keyed "msgId/cmdId".</summary>
    public Dictionary<string, OutstandingCommand> Outstanding { get; set; } = [];

    /// <summary>A large object being received in chunks (at most one at a time, §6.10).</summary>
    public IncomingChunk? Incoming { get; set; }

    /// <summary>A large object being sent in chunks.</summary>
    public OutgoingChunk? Outgoing { get; set; }

    /// <summary>Our package 4 (server changes) has begun; set once the client's changes package ended.</summary>
    public bool ServerPackageStarted { get; set; }

    /// <summary>Our package 4 is complete (its last message carried Final).</summary>
    public bool ServerPackageDone { get; set; }

    /// <summary>The client's package of changes (package 3) ended with Final.</summary>
    public bool ClientChangesDone { get; set; }

    /// <summary>The session has ended: anchors were committed.</summary>
    public bool Completed { get; set; }

    /// <summary>We asked the device for its DevInf (Get ./devinf12) and wait for the Results.</summary>
    public bool DevInfRequested { get; set; }

    public DatastoreSession? FindByClientUri(string? uri) =>
        uri == null ? null : Datastores.Find(d => string.Equals(d.ClientUri, uri, StringComparison.Ordinal));

    public DatastoreSession? FindByServerUri(string? uri) =>
        uri == null ? null : Datastores.Find(d => string.Equals(d.ServerUri, uri, StringComparison.OrdinalIgnoreCase));
}
