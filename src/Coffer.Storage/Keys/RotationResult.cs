namespace Coffer.Storage;

/// <summary>
/// What a master key rotation did: the ids of the old and new master key, how many data keys were re-wrapped, where
/// the new key is (master.key, or master.key.new when the key comes from configuration and the operator must put it
/// there), and where the old key file is kept until confirmed (null for a configured key).
/// </summary>
public sealed record RotationResult(string OldMasterKeyId, string NewMasterKeyId, int DataKeys, string NewKeyPath, string? OldKeyPath);
