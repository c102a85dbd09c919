using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>Session tokens and the form every backend stores them in.</summary>
public static class SessionToken
{
    /// <summary>256 random bits, base64url (RFC 4648 §5) so it fits a RespURI query string unescaped.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Only the SHA-256 is stored: a copy of the database does not hand out live sessions.</summary>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }
}
