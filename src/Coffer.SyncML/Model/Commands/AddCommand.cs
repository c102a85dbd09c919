namespace Coffer.SyncML;

/// <summary>Add: adds the items to the recipient (OMA-TS-SyncML_RepPro-V1_2 §5.5 Add; OMA-TS-DS_Protocol-V1_2 §5.5).</summary>
public sealed class AddCommand : ItemCommand
{
    public override string ElementName => "Add";
}
