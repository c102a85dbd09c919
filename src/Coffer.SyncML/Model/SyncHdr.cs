namespace Coffer.SyncML;

/// <summary>
/// The message header (OMA-TS-SyncML_RepPro-V1_2, element SyncHdr): version, session and message ids,
/// the addressed Target and the sending Source, optional credentials and meta information.
/// Strings are kept as sent: SessionID and MsgID are PCDATA in the DTD, not numbers.
/// </summary>
public sealed class SyncHdr
{
    /// <summary>VerDTD; when null the writer emits the one of the message version.</summary>
    public string? VerDTD { get; set; }

    /// <summary>VerProto, e.g. "SyncML/1.2".</summary>
    public string? VerProto { get; set; }

    public string? SessionID { get; set; }

    public string? MsgID { get; set; }

    public SyncLocation? Target { get; set; }

    public SyncLocation? Source { get; set; }

    /// <summary>RespURI: where the recipient must send its response.</summary>
    public string? RespURI { get; set; }

    /// <summary>NoResp: the sender wants no Status for this header.</summary>
    public bool NoResp { get; set; }

    public Cred? Cred { get; set; }

    public MetInf? Meta { get; set; }
}
