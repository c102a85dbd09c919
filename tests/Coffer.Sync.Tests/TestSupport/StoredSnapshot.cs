namespace Coffer.Sync.Tests.TestSupport;

/// <summary>A stored item as a test compares it: id, content type, text and version.</summary>
public sealed record StoredSnapshot(string Id, string ContentType, string Text, long Version);
