namespace Coffer.Sync.Engine;

/// <summary>An item's data as a device gets it: the text of the Data element, its type, whether it is b64, and its size in bytes.</summary>
internal sealed record OutgoingData(string Text, string ContentType, bool Base64, long Size);
