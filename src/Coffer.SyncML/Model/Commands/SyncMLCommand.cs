namespace Coffer.SyncML;

/// <summary>
/// Common part of every SyncML command (OMA-TS-SyncML_RepPro-V1_2, element Protocol Command Elements, Status):
/// CmdID unique in the message, NoResp, Cred and Meta. Commands whose DTD lacks one of these (Status, Map,
/// Results) simply leave it unset; the writer emits each element only where the DTD allows it.
/// </summary>
public abstract class SyncMLCommand
{
    /// <summary>CmdID as sent (PCDATA in the DTD; "0" never names a command, it names the SyncHdr in CmdRef).</summary>
    public string? CmdID { get; set; }

    public bool NoResp { get; set; }

    public Cred? Cred { get; set; }

    public MetInf? Meta { get; set; }

    /// <summary>The element name of the command ("Add", "Status", ...), also the Cmd of a Status answering it.</summary>
    public abstract string ElementName { get; }
}
