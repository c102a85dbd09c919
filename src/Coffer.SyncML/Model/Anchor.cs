namespace Coffer.SyncML;

/// <summary>
/// Sync anchors (OMA-TS-SyncML_MetaInfo-V1_2, element Anchor, Last, Next): the last and the next
/// anchor of a datastore, compared by the server to decide whether a slow sync is needed
/// (OMA-TS-DS_Protocol-V1_2).
/// </summary>
public sealed class Anchor
{
    public string? Last { get; set; }

    public string? Next { get; set; }
}
