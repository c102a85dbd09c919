namespace Coffer.SyncML;

/// <summary>Results: the answer to a Get or Search (OMA-TS-SyncML_RepPro-V1_2, element Results).</summary>
public sealed class ResultsCommand : ItemCommand
{
    public string? MsgRef { get; set; }

    public string? CmdRef { get; set; }

    public List<string> TargetRefs { get; } = [];

    public List<string> SourceRefs { get; } = [];

    public override string ElementName => "Results";
}
