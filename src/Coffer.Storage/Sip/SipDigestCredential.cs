using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>
/// What SIP digest authentication needs of an account's password: HA1 = H(user:realm:password) for MD5 and for
/// SHA-256 (RFC 2617 §3.2.2.2, RFC 8760 §2), lower-case hex. A password equivalent for <paramref name="Realm"/> only;
/// the PBKDF2 hash the account keeps otherwise cannot give it, so it is computed whenever a password is set.
/// </summary>
public sealed record SipDigestCredential(string Realm, string Md5Ha1, string Sha256Ha1)
{
    public const string Md5 = "MD5";

    public const string Sha256 = "SHA-256";

    /// <summary>The realm used when Coffer:Sip:Realm is not configured.</summary>
    public const string DefaultRealm = "coffer";

    /// <summary>Configuration key of the realm (server and CLI read the same settings).</summary>
    public const string RealmKey = "Coffer:Sip:Realm";

    public static SipDigestCredential Compute(string userName, string realm, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(password);
        var secret = Encoding.UTF8.GetBytes($"{userName}:{realm}:{password}");
        return new(realm, Convert.ToHexStringLower(MD5.HashData(secret)), Convert.ToHexStringLower(SHA256.HashData(secret)));
    }

    /// <summary>The HA1 for a digest algorithm name (MD5, SHA-256); null for any other.</summary>
    public string? For(string algorithm) =>
        string.Equals(algorithm, Md5, StringComparison.OrdinalIgnoreCase) ? Md5Ha1
        : string.Equals(algorithm, Sha256, StringComparison.OrdinalIgnoreCase) ? Sha256Ha1
        : null;
}
