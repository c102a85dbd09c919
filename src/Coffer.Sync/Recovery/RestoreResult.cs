namespace Coffer.Sync.Recovery;

/// <summary>What a recovery or restore wrote: items given back an earlier version, items deleted, device states marked for a slow sync.</summary>
public sealed record RestoreResult(int Restored, int Deleted, int DevicesMarked = 0);
