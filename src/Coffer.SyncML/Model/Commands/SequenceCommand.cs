namespace Coffer.SyncML;

/// <summary>Sequence: the nested commands run in the order given (OMA-TS-SyncML_RepPro-V1_2, element Sequence).</summary>
public sealed class SequenceCommand : ContainerCommand
{
    public override string ElementName => "Sequence";
}
