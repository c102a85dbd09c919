namespace Coffer.SyncML;

/// <summary>
/// One item of a command (OMA-TS-SyncML_RepPro-V1_2, element Item): where it comes from and goes to, its
/// meta information, its data, and MoreData when the data is one chunk of a large object
/// (OMA-TS-DS_Protocol-V1_2 "Large Object Handling").
/// </summary>
public sealed class Item
{
    public SyncLocation? Target { get; set; }

    public SyncLocation? Source { get; set; }

    /// <summary>SourceParent (1.2 hierarchical sync): LocURI of the parent folder at the source.</summary>
    public SyncLocation? SourceParent { get; set; }

    /// <summary>TargetParent (1.2 hierarchical sync): LocURI of the parent folder at the target.</summary>
    public SyncLocation? TargetParent { get; set; }

    public MetInf? Meta { get; set; }

    public ItemData? Data { get; set; }

    public bool MoreData { get; set; }
}
