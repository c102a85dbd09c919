namespace Coffer.Storage;

/// <summary>
/// What <see cref="PayloadProtector"/> needs of its unit of work: the wrapped data keys, synchronously, because a
/// payload is encoded and decoded inside repository calls. Keys created here become visible to other units of work
/// only when this one commits.
/// </summary>
public interface IDataKeyLookup
{
    WrappedDataKey? Find(uint keyId);

    /// <summary>The key new payloads of <paramref name="userId"/> are encrypted with (the newest), or null.</summary>
    WrappedDataKey? FindCurrent(long userId);

    /// <summary>The master key id of any stored data key (they all carry the same one), or null when there are none.</summary>
    string? MasterKeyIdInUse();

    /// <summary>Adds a key for <paramref name="userId"/>: the backend assigns the id, then stores <paramref name="wrap"/>(id).</summary>
    WrappedDataKey Create(long userId, string masterKeyId, Func<uint, byte[]> wrap);
}
