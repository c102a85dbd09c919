namespace Coffer.Agent.Sources;

/// <summary>
/// A datastore kept in a local folder, as a run drives it: beside the session's calls, what its scan found and the
/// large object an interrupted session was sending (<see cref="FolderSyncSource"/>, <see cref="AppData.AppDataSyncSource"/>).
/// </summary>
public interface IFolderSource : ISyncSource
{
    /// <summary>What the last <see cref="ISyncSource.CollectChanges"/> found: new, changed, unchanged and deleted files.</summary>
    ScanCounts Scan { get; }

    /// <summary>The change of the large object an interrupted session was sending, when it can go on; null otherwise.</summary>
    LocalChange? Reopen(string luid, ChangeKind kind, string path, string? contentType, string sha256, long length, DateTime? modified);
}
