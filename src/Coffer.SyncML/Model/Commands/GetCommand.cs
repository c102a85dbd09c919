namespace Coffer.SyncML;

/// <summary>Get: asks for data, e.g. the peer's DevInf at ./devinf12 (OMA-TS-SyncML_RepPro-V1_2, element Get).</summary>
public sealed class GetCommand : ItemCommand
{
    /// <summary>Lang: preferred language of the result.</summary>
    public string? Lang { get; set; }

    public override string ElementName => "Get";
}
