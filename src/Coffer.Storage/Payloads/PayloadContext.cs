namespace Coffer.Storage;

/// <summary>Where a payload belongs: an encrypting codec binds the blob to it (AEAD associated data) and picks the user's key.</summary>
public readonly record struct PayloadContext(long UserId, string ItemId, long Version);
