namespace Coffer.SyncML;

/// <summary>
/// Free memory of the recipient's datastore (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.10 Mem, §5.2.14 SharedMem,
/// §5.2.5 FreeMem in bytes, §5.2.4 FreeID in item ids).
/// </summary>
public sealed class Mem
{
    public bool SharedMem { get; set; }

    public long? FreeMem { get; set; }

    public long? FreeID { get; set; }
}
