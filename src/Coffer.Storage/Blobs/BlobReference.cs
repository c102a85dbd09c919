namespace Coffer.Storage;

/// <summary>An item version that refers to a blob.</summary>
public sealed record BlobReference(long DatastoreId, string ItemId, long Version, BlobManifest Manifest);
