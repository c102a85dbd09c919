namespace Coffer.SyncML;

/// <summary>Copy: copies items on the recipient (OMA-TS-SyncML_RepPro-V1_2, element Copy).</summary>
public sealed class CopyCommand : ItemCommand
{
    public override string ElementName => "Copy";
}
