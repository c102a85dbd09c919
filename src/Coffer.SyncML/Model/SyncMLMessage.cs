namespace Coffer.SyncML;

/// <summary>
/// One SyncML message: <c>&lt;SyncML&gt;</c> with exactly one SyncHdr and one SyncBody
/// (OMA-TS-SyncML_RepPro-V1_2, element SyncML).
/// </summary>
public sealed class SyncMLMessage
{
    /// <summary>Representation version; decides the namespace the writer uses.</summary>
    public SyncMLVersion Version { get; set; } = SyncMLVersion.V1_2;

    public SyncHdr Header { get; set; } = new();

    public SyncBody Body { get; set; } = new();
}
