namespace Coffer.Backup;

/// <summary>What a prune removed: manifests beyond the newest N, and the chunks none of the kept ones use.</summary>
public sealed record PruneResult(IReadOnlyList<string> DeletedBackups, int DeletedChunks, long DeletedBytes, string? Note);
