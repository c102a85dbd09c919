namespace Coffer.SyncML;

/// <summary>Atomic: the nested commands succeed or fail together (OMA-TS-SyncML_RepPro-V1_2, element Atomic).</summary>
public sealed class AtomicCommand : ContainerCommand
{
    public override string ElementName => "Atomic";
}
