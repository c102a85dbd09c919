using System.Security.Cryptography;
using System.Text;

namespace Coffer.Sip.Auth;

/// <summary>The digest computations of RFC 2617 §3.2.2 (qop=auth), with MD5 or SHA-256 (RFC 7616 §3.4.1, RFC 8760).</summary>
public static class DigestHash
{
    public static string Name(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    public static DigestAlgorithm? Parse(string? name) => name switch
    {
        null => DigestAlgorithm.Md5, // RFC 2617 §3.2.1: absent means MD5.
        _ when name.Equals("MD5", StringComparison.OrdinalIgnoreCase) => DigestAlgorithm.Md5,
        _ when name.Equals("SHA-256", StringComparison.OrdinalIgnoreCase) => DigestAlgorithm.Sha256,
        _ => null,
    };

    /// <summary>H(data) as lower-case hex.</summary>
    public static string H(DigestAlgorithm algorithm, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        return Convert.ToHexStringLower(algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }

    /// <summary>A1 = username ":" realm ":" password; HA1 is what a server may keep instead of the password.</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        H(algorithm, $"{username}:{realm}:{password}");

    /// <summary>response = KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" H(method ":" digest-uri)) for qop=auth.</summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string nc, string cnonce, string method, string uri)
    {
        var ha2 = H(algorithm, $"{method}:{uri}");
        return H(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
    }
}
