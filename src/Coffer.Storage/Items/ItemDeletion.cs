namespace Coffer.Storage;

/// <summary>An item to turn into a tombstone.</summary>
public sealed record ItemDeletion(string Id, string Origin, long? ExpectedVersion = null);
