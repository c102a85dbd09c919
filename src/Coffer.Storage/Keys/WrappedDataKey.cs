namespace Coffer.Storage;

/// <summary>A data key as stored: wrapped by the master key <see cref="MasterKeyId"/> (<see cref="MasterKey.Wrap"/>).</summary>
public sealed record WrappedDataKey(uint Id, long UserId, byte[] Wrapped, string MasterKeyId, DateTimeOffset Created);
