namespace Coffer.SyncML;

/// <summary>
/// Status: the result of one command or of the SyncHdr (OMA-TS-SyncML_RepPro-V1_2, element Status). MsgRef/CmdRef
/// name what it answers (CmdRef "0" is the SyncHdr), Cmd its element name, Chal an authentication challenge,
/// Data the code (<see cref="StatusCode"/>).
/// </summary>
public sealed class StatusCommand : SyncMLCommand
{
    public string? MsgRef { get; set; }

    public string? CmdRef { get; set; }

    public string? Cmd { get; set; }

    public List<string> TargetRefs { get; } = [];

    public List<string> SourceRefs { get; } = [];

    public Chal? Chal { get; set; }

    /// <summary>The status code (the Data element).</summary>
    public int Code { get; set; }

    public List<Item> Items { get; } = [];

    public override string ElementName => "Status";
}
