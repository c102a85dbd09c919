namespace Coffer.Storage;

/// <summary>What a user's live items take: how many, and their content bytes (before compression).</summary>
public readonly record struct StorageUsage(long Items, long Bytes);
