namespace Coffer.SyncML;

/// <summary>Replace: replaces items, or adds them when missing (OMA-TS-SyncML_RepPro-V1_2, element Replace).</summary>
public sealed class ReplaceCommand : ItemCommand
{
    public override string ElementName => "Replace";
}
