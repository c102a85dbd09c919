namespace Coffer.SyncML;

/// <summary>Replace: replaces items, or adds them when missing (OMA-TS-SyncML_RepPro-V1_2 §5.5 Replace).</summary>
public sealed class ReplaceCommand : ItemCommand
{
    public override string ElementName => "Replace";
}
