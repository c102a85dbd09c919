namespace Coffer.Sync.Content;

/// <summary>An item as sent to a device.</summary>
public sealed record RenderedContent(string Text, string ContentType);
