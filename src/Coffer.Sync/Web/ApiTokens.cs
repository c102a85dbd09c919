using System.Security.Cryptography;
using System.Text;
using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>
/// Personal API tokens (docs/api.md, "Authentication"): 256 random bits, shown to the user once at creation; the store
/// keeps only their SHA-256 (a token is not a password a person chose, so a fast hash is enough) and a short prefix.
/// </summary>
public sealed class ApiTokens(ICofferStore store)
{
    /// <summary>Every token starts with this, so a leaked one is recognizable (secret scanners, logs).</summary>
    public const string Marker = "cof_";

    private const int PrefixLength = 8;

    /// <summary>Creates a token for the user; the clear token is returned this once and never stored. Null when the user does not exist.</summary>
    public async Task<(ApiToken Token, string Secret)?> CreateAsync(long userId, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var secret = Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var uow = await store.BeginAsync(ct);
        var token = await uow.ApiTokens.CreateAsync(userId, name.Trim() is { Length: > 0 } trimmed ? trimmed : "token", secret[..PrefixLength], Hash(secret), ct);
        if (token == null)
        {
            return null;
        }

        await uow.CommitAsync(ct);
        return (token, secret);
    }

    /// <summary>The stored token a presented one proves, or null.</summary>
    public async Task<ApiToken?> FindAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(Marker, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        await using var uow = await store.BeginReadAsync(ct);
        return await uow.ApiTokens.FindByHashAsync(Hash(presented), ct);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        return await uow.ApiTokens.ListAsync(userId, ct);
    }

    /// <summary>Revokes one of the user's tokens; false when the user has none of that id.</summary>
    public async Task<bool> RevokeAsync(long userId, long tokenId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var deleted = await uow.ApiTokens.DeleteAsync(userId, tokenId, ct);
        await uow.CommitAsync(ct);
        return deleted;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
