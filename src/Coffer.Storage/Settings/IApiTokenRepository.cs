namespace Coffer.Storage;

/// <summary>Personal API tokens (docs/api.md, "Authentication"), found by the SHA-256 of the presented token.</summary>
public interface IApiTokenRepository
{
    /// <summary>Stores a new token of the user by its hash; null when the user does not exist.</summary>
    Task<ApiToken?> CreateAsync(long userId, string name, string prefix, byte[] tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The token whose SHA-256 is <paramref name="tokenHash"/>, or null.</summary>
    Task<ApiToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The user's tokens, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of the user's tokens; false when the user has no token of that id.</summary>
    Task<bool> DeleteAsync(long userId, long tokenId, CancellationToken cancellationToken = default);
}
