namespace Coffer.Sync.Content;

/// <summary>An item as stored: canonical text, its content type, and the clear identity key for twin detection.</summary>
public sealed record NormalizedContent(string Text, string ContentType, string IdentityKey);
