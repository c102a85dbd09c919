namespace Coffer.SyncML;

/// <summary>Move: moves items to another parent (OMA-TS-SyncML_RepPro-V1_2, element Move, 1.2 only).</summary>
public sealed class MoveCommand : ItemCommand
{
    public override string ElementName => "Move";
}
