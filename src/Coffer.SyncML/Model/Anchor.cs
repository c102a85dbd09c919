namespace Coffer.SyncML;

/// <summary>
/// Sync anchors (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.1 Anchor, §5.2.7 Last, §5.2.11 Next): the last and the next
/// anchor of a datastore, compared by the server to decide whether a slow sync is needed
/// (OMA-TS-DS_Protocol-V1_2 §5.6.1).
/// </summary>
public sealed class Anchor
{
    public string? Last { get; set; }

    public string? Next { get; set; }
}
