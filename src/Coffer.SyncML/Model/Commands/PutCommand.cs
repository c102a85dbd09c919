namespace Coffer.SyncML;

/// <summary>Put: sends data unasked, e.g. the sender's DevInf (OMA-TS-SyncML_RepPro-V1_2, element Put).</summary>
public sealed class PutCommand : ItemCommand
{
    /// <summary>Lang: language of the data.</summary>
    public string? Lang { get; set; }

    public override string ElementName => "Put";
}
