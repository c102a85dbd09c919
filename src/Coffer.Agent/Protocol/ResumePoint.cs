namespace Coffer.Agent.Protocol;

/// <summary>
/// Where an interrupted session of package 3 (or, with <see cref="Receiving"/>, of package 4) stands, written after every reply the client read, so the next run can
/// go on in the same server session instead of starting over (seed 001 "resume mid-file"; seed 000 §4.2). The server
/// keeps a session, the large object it is receiving and the reply to each message for
/// <c>Coffer:Sync:SessionLifetime</c> (docs/sync-engine.md), and answers a message it already applied from its reply
/// cache (OMA-TS-DS_Protocol-V1_2 §6.1), so sending message <see cref="LastMsgId"/> + 1 again, rebuilt the same way, is
/// safe whether or not it arrived.
/// </summary>
public sealed class ResumePoint
{
    public required string SessionId { get; set; }

    /// <summary>The server session's URL (its last RespURI).</summary>
    public required string Url { get; set; }

    /// <summary>The last message whose reply the client read; the next one is rebuilt from here.</summary>
    public int LastMsgId { get; set; }

    /// <summary>Target and Source of that reply's SyncHdr, which the next message's first Status names.</summary>
    public string ReplyTarget { get; set; } = string.Empty;

    public string ReplySource { get; set; } = string.Empty;

    /// <summary>The sync type the server alerted for the session.</summary>
    public int ServerAlert { get; set; }

    /// <summary>The session's Next anchor, which becomes the datastore's anchor when the session completes.</summary>
    public required string NextAnchor { get; set; }

    /// <summary>The room for a change in a message, so the next chunk is cut exactly as it was.</summary>
    public long Room { get; set; }

    public long? ServerMaxMsgSize { get; set; }

    /// <summary>Binary items go as Format bin: the server's DevInf announced it and the session is WBXML (<see cref="Coffer.SyncML.DevInf.BinItemData"/>).</summary>
    public bool Bin { get; set; }

    /// <summary>The changes the server accepted in this session (not to be sent again in it).</summary>
    public List<string> Accepted { get; set; } = [];

    /// <summary>The large object under way, when a chunk of it was acknowledged and more is to come.</summary>
    public ResumedObject? Object { get; set; }

    /// <summary>Package 4 of a restore under way: the point is then one to go on receiving from.</summary>
    public ReceivingPoint? Receiving { get; set; }

    public DateTimeOffset Saved { get; set; }
}
