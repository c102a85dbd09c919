namespace Coffer.Agent.Protocol;

/// <summary>What the client announces and uses for every datastore: its message and object size limits.</summary>
public sealed record ClientSettings
{
    /// <summary>The largest message the client sends or accepts; it also sends no more than the server's MaxMsgSize.</summary>
    public long MaxMsgSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest item the client accepts (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.8); larger ones travel in chunks up to it.</summary>
    public long MaxObjSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// The largest item the client accepts in a binary datastore, announced in that datastore's Alert: such items are
    /// streamed to disk chunk by chunk, so the limit is the disk's, not the memory's.
    /// </summary>
    public long MaxStreamedObjSize { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Where large objects from the server are assembled before they join their folder; null: the system's temporary directory.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>The device model in the DevInf (Mod).</summary>
    public string Model { get; init; } = "coffer-agent";
}
