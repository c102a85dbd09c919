namespace Coffer.SyncML.DevInf;

/// <summary><c>DSMem</c>: the datastore's memory limits (OMA-TS-DS_DevInf-V1_2 §5, "DSMem": SharedMem?, MaxMem?, MaxID?).</summary>
public sealed class DataStoreMemory
{
    /// <summary>The empty <c>SharedMem</c> flag: the memory is shared with other datastores.</summary>
    public bool SharedMem { get; set; }

    /// <summary>Maximum memory in bytes.</summary>
    public long? MaxMem { get; set; }

    /// <summary>Maximum number of items.</summary>
    public long? MaxID { get; set; }
}
