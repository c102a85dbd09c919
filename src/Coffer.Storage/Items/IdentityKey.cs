using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>
/// Twin-detection keys for slow sync: HMAC-SHA256 of a normalized key string (name + phone/email for a contact,
/// UID or start + summary for an event) under the user's <see cref="UserAccount.IdentitySecret"/>. The clear key
/// is never stored, so the index stays valid and harmless once payloads are encrypted at rest.
/// </summary>
public static class IdentityKey
{
    /// <summary>Size of a new per-user secret.</summary>
    public const int SecretSize = 32;

    /// <param name="normalizedKey">Already normalized by the format layer; compared byte for byte (UTF-8).</param>
    public static byte[] Compute(ReadOnlySpan<byte> userSecret, string normalizedKey)
    {
        ArgumentNullException.ThrowIfNull(normalizedKey);
        return HMACSHA256.HashData(userSecret, Encoding.UTF8.GetBytes(normalizedKey));
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretSize);
}
