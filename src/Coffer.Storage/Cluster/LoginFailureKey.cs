using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>
/// The key a failed-login bucket is stored under (docs/security.md, "Failed logins"): the claimed name arrives as the
/// client sent it, so a key longer than <see cref="MaxLength"/> characters is replaced by its SHA-256, and a client
/// cannot grow the table with megabyte-long names. Applying it twice gives the same key.
/// </summary>
public static class LoginFailureKey
{
    /// <summary>The longest key stored as it is: 128 characters.</summary>
    public const int MaxLength = 128;

    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= MaxLength ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
