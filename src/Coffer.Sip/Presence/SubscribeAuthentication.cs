using System.Globalization;
using System.Net;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Registrar;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Presence;

/// <summary>
/// Digest authentication of a SUBSCRIBE as the registrar does it for a REGISTER (docs/sip.md, "Registrar" steps 1–2):
/// the throttle first (503 with Retry-After), then 401 with the challenges (stale=true for an expired nonce), each
/// rejected attempt counted against the claimed names and the address. The notifier is the UAS, so 401 rather than
/// 407 (RFC 3261 §22.2).
/// </summary>
internal sealed class SubscribeAuthentication(DigestAuthenticator authenticator, ISipRegistrationThrottle throttle, PresenceOptions options)
{
    /// <summary>The authenticated user name, or the response to send instead.</summary>
    public async Task<(string? User, SipResponse? Refusal)> AuthenticateAsync(SipRequest request, IPEndPoint source, string toTag, CancellationToken cancellationToken)
    {
        var address = source.Address.ToString();
        var claimed = ClaimedUsers(request);
        if (claimed.Any(user => throttle.IsBlocked(user, address)))
        {
            var busy = SipResponses.Create(request, 503, "Service Unavailable", toTag);
            busy.Headers.Add("Retry-After", ((long)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            return (null, busy);
        }

        var result = await authenticator.VerifyAsync(request, HeaderNames.Authorization, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case DigestOutcome.Authenticated:
                return (result.Username, null);
            case DigestOutcome.Rejected:
                foreach (var name in claimed.Append(result.Username ?? string.Empty).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    throttle.Failed(name, address);
                }
                break;
        }

        var challenge = SipResponses.Create(request, 401, "Unauthorized", toTag);
        foreach (var algorithm in options.ChallengeAlgorithms)
        {
            challenge.Headers.Add(HeaderNames.WwwAuthenticate, authenticator.Challenge(algorithm, result.Outcome == DigestOutcome.Stale));
        }
        return (null, challenge);
    }

    /// <summary>The names a request claims: its Request-URI user, its To user, its Digest username.</summary>
    private static List<string> ClaimedUsers(SipRequest request)
    {
        var users = new List<string>();
        foreach (var user in new[] { request.Uri.User, request.To?.Uri.User })
        {
            if (user is { Length: > 0 })
            {
                users.Add(SipUri.Unescape(user));
            }
        }
        foreach (var value in request.Headers.Values(HeaderNames.Authorization))
        {
            if (DigestParameters.Parse(value) is { } parsed && parsed.Values.TryGetValue("username", out var name) && name.Length > 0)
            {
                users.Add(name);
            }
        }
        return users.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
