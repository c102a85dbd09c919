namespace Coffer.Storage;

/// <summary>
/// Random keys the server itself uses (for example to derive md5 nonces), kept in the store so every node of a
/// cluster uses the same ones. Never a user's secret.
/// </summary>
public interface IServerSecretRepository
{
    /// <summary>The secret called <paramref name="name"/>, created with <paramref name="length"/> random bytes the first time.</summary>
    Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken = default);
}
