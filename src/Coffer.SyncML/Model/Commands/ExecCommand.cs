namespace Coffer.SyncML;

/// <summary>Exec: asks the recipient to execute the item (OMA-TS-SyncML_RepPro-V1_2, element Exec).</summary>
public sealed class ExecCommand : ItemCommand
{
    /// <summary>Correlator (1.2): echoed in the asynchronous result.</summary>
    public string? Correlator { get; set; }

    public override string ElementName => "Exec";
}
