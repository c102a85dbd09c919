namespace Coffer.Sip.Auth;

/// <summary>
/// Where the authenticator finds an account's digest secret. It asks for HA1 = H(username:realm:password), never
/// a password: an account store keeps HA1 per algorithm (a password equivalent for this realm only, so sealed at
/// rest like Coffer's md5 credential) and computes it when the password is set.
/// </summary>
public interface IDigestCredentialStore
{
    /// <summary>HA1 in lower-case hex for the user, realm and algorithm; null when the user is unknown or has none.</summary>
    ValueTask<string?> FindHa1Async(string username, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken = default);
}
