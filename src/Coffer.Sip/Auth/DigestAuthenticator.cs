using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coffer.Sip.Message;

namespace Coffer.Sip.Auth;

/// <summary>
/// Digest authentication of SIP requests (RFC 3261 §22.4, RFC 2617 with qop=auth, RFC 8760 for SHA-256): builds
/// the challenges of a 401/407 and checks the Authorization (or Proxy-Authorization) of a request.
/// </summary>
public sealed class DigestAuthenticator(string realm, DigestNonces nonces, IDigestCredentialStore store)
{
    public string Realm { get; } = realm;

    /// <summary>
    /// The WWW-Authenticate (or Proxy-Authenticate) values: SHA-256 first, then MD5 (RFC 8760 §2.4: in order of
    /// preference, each with its own nonce).
    /// </summary>
    public IReadOnlyList<string> Challenges(bool stale = false) =>
        [Challenge(DigestAlgorithm.Sha256, stale), Challenge(DigestAlgorithm.Md5, stale)];

    public string Challenge(DigestAlgorithm algorithm, bool stale = false)
    {
        var sb = new StringBuilder("Digest realm=").Append(DigestParameters.Quote(Realm))
            .Append(", nonce=").Append(DigestParameters.Quote(nonces.Issue(Realm)))
            .Append(", algorithm=").Append(DigestHash.Name(algorithm))
            .Append(", qop=\"auth\"");
        if (stale)
        {
            sb.Append(", stale=true");
        }
        return sb.ToString();
    }

    public async Task<DigestResult> VerifyAsync(SipRequest request, string header = HeaderNames.Authorization, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string>? values = null;
        foreach (var value in request.Headers.Values(header))
        {
            // §22.4: a request may carry credentials for several realms; ours is the one to check.
            if (DigestParameters.Parse(value) is { } parsed && parsed.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase) &&
                parsed.Values.TryGetValue("realm", out var r) && r == Realm)
            {
                values = parsed.Values;
                break;
            }
        }
        if (values is null)
        {
            return new DigestResult(DigestOutcome.Missing);
        }
        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        var username = Get("username");
        var nonce = Get("nonce");
        var uri = Get("uri");
        var response = Get("response");
        var cnonce = Get("cnonce");
        var nc = Get("nc");
        if (username is null || nonce is null || uri is null || response is null)
        {
            return new DigestResult(DigestOutcome.Rejected, username, "incomplete credentials");
        }
        if (DigestHash.Parse(Get("algorithm")) is not { } algorithm)
        {
            return new DigestResult(DigestOutcome.Rejected, username, "unsupported algorithm");
        }
        // Only qop=auth is offered, so a response without qop (RFC 2069) or with auth-int is not accepted.
        if (Get("qop") != "auth" || cnonce is null || nc is null || nc.Length != 8 ||
            !uint.TryParse(nc, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var count))
        {
            return new DigestResult(DigestOutcome.Rejected, username, "qop=auth with cnonce and nc required");
        }
        var nonceCheck = nonces.Check(nonce, Realm);
        if (nonceCheck == DigestNonceCheck.Unknown)
        {
            return new DigestResult(DigestOutcome.Rejected, username, "nonce not issued here");
        }
        var ha1 = await store.FindHa1Async(username, Realm, algorithm, cancellationToken);
        if (ha1 is null)
        {
            return new DigestResult(DigestOutcome.Rejected, username, "unknown user");
        }
        var expected = DigestHash.Response(algorithm, ha1, nonce, nc, cnonce, request.Method, uri);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
        {
            return new DigestResult(DigestOutcome.Rejected, username, "wrong response");
        }
        if (nonceCheck == DigestNonceCheck.Stale)
        {
            return new DigestResult(DigestOutcome.Stale, username);
        }
        if (!nonces.UseCount(nonce, count))
        {
            // A replayed count is not a password guess (the response was right): a fresh nonce with stale=true lets
            // the device that sent it go on (baresip re-sends nc=00000001 after a 401), and a replay by anyone else
            // cannot answer it. Counting it as a failed login would lock the account of a well-behaved phone.
            return new DigestResult(DigestOutcome.Stale, username, "nonce count replayed");
        }
        return new DigestResult(DigestOutcome.Authenticated, username);
    }
}
