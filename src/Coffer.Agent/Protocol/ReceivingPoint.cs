namespace Coffer.Agent.Protocol;

/// <summary>
/// Where an interrupted restore stands in package 4 (docs/agent.md "Resuming"): the message the client was about to
/// send, which answers the server's last reply (its statuses, Alert 222, or the Map of package 5), the part of a large
/// object received so far (its spool file and how many bytes of it were answered 213), and the Map entries collected.
/// The server keeps where its <c>LargeObjectSender</c> is in the session, and answers a message it already applied
/// from its reply cache (OMA-TS-DS_Protocol-V1_2 §6.1), so sending this message again continues the same session at
/// the next chunk whether or not it arrived.
/// </summary>
public sealed class ReceivingPoint
{
    /// <summary>The next message as SyncML XML; rebuilt with the same MsgID and CmdIDs.</summary>
    public required string NextMessage { get; set; }

    /// <summary>The spool file of the large object being received, when one is under way.</summary>
    public string? Spool { get; set; }

    /// <summary>Bytes of the spool file the next message acknowledges; anything after them is cut off on resuming.</summary>
    public long SpoolLength { get; set; }

    public string? SpoolType { get; set; }

    /// <summary>The Map entries (our LUID, the server's id) of items added so far, for package 5.</summary>
    public List<MappedItem> Map { get; set; } = [];

    public int Adds { get; set; }

    public int Replaces { get; set; }

    public int Deletes { get; set; }
}
