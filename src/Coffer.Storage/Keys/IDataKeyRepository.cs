namespace Coffer.Storage;

/// <summary>The stored data keys, for <c>coffer keys</c>: list them, re-wrap them under a new master key, count payloads.</summary>
public interface IDataKeyRepository
{
    /// <summary>Every data key (the server's, user 0, and every user's), by id.</summary>
    Task<IReadOnlyList<WrappedDataKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces a key's wrapped form (a master key rotation); the data key itself, and so every payload, stays.</summary>
    Task<bool> RewrapAsync(uint keyId, byte[] wrapped, string masterKeyId, CancellationToken cancellationToken = default);

    /// <summary>Stored payloads by place and cipher: what <c>coffer keys status</c> shows.</summary>
    Task<IReadOnlyList<PayloadCount>> CountPayloadsAsync(CancellationToken cancellationToken = default);
}
