namespace Coffer.Sync.Progress;

/// <summary>
/// How far one datastore of a session has come. The totals are what each side announced in its Sync command's
/// NumberOfChanges (OMA-TS-DS_Protocol-V1_2 §5.5, §6.8); null when it announced none.
/// </summary>
/// <param name="Datastore">The server's datastore URI (e.g. "contacts").</param>
/// <param name="SyncType">The sync type in words (two-way, slow, refresh from client, ...).</param>
/// <param name="FromClientDone">Changes received from the device and applied (added, replaced, deleted or refused).</param>
/// <param name="ToClientDone">Changes sent to the device.</param>
public sealed record DatastoreProgress(string Datastore, string SyncType, long FromClientDone, long? FromClientTotal, long ToClientDone, long? ToClientTotal);
