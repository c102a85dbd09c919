using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Sip.Auth;

/// <summary>The client side: answers a Digest challenge with an Authorization value (RFC 2617 §3.2.2, qop=auth).</summary>
public static class DigestClient
{
    public static string? Authorize(string challenge, string username, string password, string method, string uri, uint nonceCount = 1, string? cnonce = null)
    {
        if (DigestParameters.Parse(challenge) is not { } parsed || !parsed.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase) ||
            !parsed.Values.TryGetValue("realm", out var realm) || !parsed.Values.TryGetValue("nonce", out var nonce) ||
            DigestHash.Parse(parsed.Values.GetValueOrDefault("algorithm")) is not { } algorithm)
        {
            return null;
        }
        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var response = DigestHash.Response(algorithm, DigestHash.Ha1(algorithm, username, realm, password), nonce, nc, cnonce, method, uri);
        var sb = new StringBuilder("Digest username=").Append(DigestParameters.Quote(username))
            .Append(", realm=").Append(DigestParameters.Quote(realm))
            .Append(", nonce=").Append(DigestParameters.Quote(nonce))
            .Append(", uri=").Append(DigestParameters.Quote(uri))
            .Append(", response=").Append(DigestParameters.Quote(response))
            .Append(", algorithm=").Append(DigestHash.Name(algorithm))
            .Append(", cnonce=").Append(DigestParameters.Quote(cnonce))
            .Append(", qop=auth, nc=").Append(nc);
        if (parsed.Values.TryGetValue("opaque", out var opaque))
        {
            sb.Append(", opaque=").Append(DigestParameters.Quote(opaque));
        }
        return sb.ToString();
    }
}
