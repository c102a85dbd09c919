namespace Coffer.Sync.Engine;

/// <summary>The sync type a datastore syncs as, the status its Alert gets, and whether it resumes an interrupted session.</summary>
internal readonly record struct SyncTypeDecision(int Mode, int Status, bool Resuming);
