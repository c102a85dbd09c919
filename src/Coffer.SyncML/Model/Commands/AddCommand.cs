namespace Coffer.SyncML;

/// <summary>Add: adds the items to the recipient (OMA-TS-SyncML_RepPro-V1_2, element Add; OMA-TS-DS_Protocol-V1_2).</summary>
public sealed class AddCommand : ItemCommand
{
    public override string ElementName => "Add";
}
