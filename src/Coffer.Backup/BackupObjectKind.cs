namespace Coffer.Backup;

/// <summary>What a stored backup object holds; part of its authenticated header. Stored as the number: only append.</summary>
public enum BackupObjectKind : byte
{
    /// <summary>A piece of the snapshot file, named by the keyed hash of its clear bytes.</summary>
    Chunk = 1,

    /// <summary>One backup's manifest (JSON): time, chunk list, item counts.</summary>
    Manifest = 2,
}
