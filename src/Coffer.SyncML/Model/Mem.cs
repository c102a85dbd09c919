namespace Coffer.SyncML;

/// <summary>
/// Free memory of the recipient's datastore (OMA-TS-SyncML_MetaInfo-V1_2, element Mem, SharedMem,
/// FreeMem in bytes, FreeID in item ids).
/// </summary>
public sealed class Mem
{
    public bool SharedMem { get; set; }

    public long? FreeMem { get; set; }

    public long? FreeID { get; set; }
}
