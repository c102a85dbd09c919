namespace Coffer.Storage;

/// <summary>One item of a storage-area generation: the item and the version of it that was live when it was saved.</summary>
public readonly record struct AreaEntry(string ItemId, long Version);
