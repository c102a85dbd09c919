namespace Coffer.Storage;

/// <summary>A package taken from the push mailbox, with its kind (which says its media type).</summary>
public sealed record PushPackage(PushPackageKind Kind, byte[] Package);
