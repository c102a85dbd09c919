using System.Globalization;
using System.Net;
using Coffer.Sip.Auth;
using Coffer.Sip.Location;
using Coffer.Sip.Message;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Registrar;

/// <summary>
/// A registrar (RFC 3261 §10.3): authenticates a REGISTER with digest, then adds, refreshes or removes the bindings
/// of the authenticated user's devices in the location service and answers 200 OK with the bindings now current.
/// Failed authentications go through the throttle; a user name or address without attempts left gets 503 with
/// Retry-After before any password check.
/// </summary>
public sealed class SipRegistrar(
    DigestAuthenticator authenticator,
    ISipLocationService location,
    ISipRegistrationThrottle throttle,
    SipRegistrarOptions options,
    TimeProvider time)
{
    /// <summary>The To tag of every response: the registrar is one UAS, and a REGISTER creates no dialog.</summary>
    private const string ToTag = "coffer-registrar";

    /// <summary>Answers one REGISTER that came from <paramref name="source"/> over <paramref name="transport"/> ("UDP", "TCP").</summary>
    public async Task<SipResponse> RegisterAsync(SipRequest request, IPEndPoint source, string transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        var address = source.Address.ToString();
        var claimed = ClaimedUsers(request);
        if (claimed.Any(user => throttle.IsBlocked(user, address)))
        {
            // 503 with Retry-After (§21.5.4, §20.33): come back later. Nothing is checked, so nothing is learnt.
            var busy = SipResponses.Create(request, 503, "Service Unavailable", ToTag);
            busy.Headers.Add("Retry-After", Seconds(options.RetryAfter));
            return busy;
        }

        var result = await authenticator.VerifyAsync(request, HeaderNames.Authorization, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case DigestOutcome.Missing:
                return Challenge(request, stale: false);
            case DigestOutcome.Stale:
                return Challenge(request, stale: true);
            case DigestOutcome.Rejected:
                foreach (var name in claimed.Append(result.Username ?? string.Empty).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    throttle.Failed(name, address);
                }

                return Challenge(request, stale: false);
        }

        // §10.3 step 3: the authenticated user may only register its own address-of-record.
        var user = result.Username!;
        if (request.To?.Uri.User is not { } aor || !string.Equals(SipUri.Unescape(aor), user, StringComparison.OrdinalIgnoreCase))
        {
            return SipResponses.Create(request, 403, "Forbidden", ToTag);
        }

        return await UpdateBindingsAsync(request, user, $"{transport} {source}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<SipResponse> UpdateBindingsAsync(SipRequest request, string user, string received, CancellationToken cancellationToken)
    {
        var callId = request.CallId ?? string.Empty;
        var cseq = request.CSeq?.Number ?? 0;
        var now = time.GetUtcNow();
        var contacts = request.Contacts;
        var headerExpires = ParseSeconds(request.Headers.First(HeaderNames.Expires));

        // §10.3 step 7: a binding this Call-ID wrote with a CSeq not lower than the request's makes it an old or
        // repeated request; the whole update is aborted (500).
        bool Outdated(SipBinding? binding) => binding is not null && binding.CallId == callId && cseq <= binding.CSeq;

        if (contacts.Count == 0)
        {
            // §10.3 step 8: a REGISTER without Contact only asks for the current bindings.
            return Ok(request, await location.GetAsync(user, cancellationToken).ConfigureAwait(false));
        }

        if (contacts.Any(c => c.IsWildcard))
        {
            // §10.3 step 6: "*" only alone and with Expires: 0; it removes every binding unless one was written by
            // this Call-ID with a CSeq not lower (step 7 applies to each).
            if (contacts.Count != 1 || headerExpires != 0)
            {
                return SipResponses.Create(request, 400, "Bad Request", ToTag);
            }

            var cleared = await location.UpdateAsync(
                user,
                current => current.Any(Outdated) ? null : new SipBindingChange([], current.Select(b => b.Device).ToList()),
                cancellationToken).ConfigureAwait(false);
            return cleared is null ? SipResponses.Create(request, 500, "Server Internal Error", ToTag) : Ok(request, cleared);
        }

        // What needs no current binding is checked first, so a refused request never waits for the store.
        var asks = new List<(string Device, long Seconds, string Uri)>(contacts.Count);
        foreach (var contact in contacts)
        {
            var asked = contact.Parameters.Has("expires") ? ParseSeconds(contact.Parameters.Get("expires")) : headerExpires;
            if (asked is < 0)
            {
                return SipResponses.Create(request, 400, "Bad Request", ToTag);
            }

            var seconds = asked ?? (long)options.DefaultExpires.TotalSeconds;
            if (seconds != 0 && seconds < options.MinExpires.TotalSeconds)
            {
                // §10.3 step 7: too brief (RFC 3261 §21.4.17).
                var brief = SipResponses.Create(request, 423, "Interval Too Brief", ToTag);
                brief.Headers.Add("Min-Expires", Seconds(options.MinExpires));
                return brief;
            }

            asks.Add((SipDeviceId.Of(contact), Math.Min(seconds, (long)options.MaxExpires.TotalSeconds), contact.Uri.ToString()));
        }

        var after = await location.UpdateAsync(
            user,
            current =>
            {
                var put = new Dictionary<string, SipBinding>(StringComparer.Ordinal);
                var removed = new List<string>();
                foreach (var (device, seconds, uri) in asks)
                {
                    if (Outdated(current.FirstOrDefault(b => b.Device == device)))
                    {
                        return null;
                    }

                    if (seconds == 0)
                    {
                        put.Remove(device);
                        removed.Add(device);
                    }
                    else
                    {
                        put[device] = new SipBinding(user, device, uri, received, now.AddSeconds(seconds), callId, cseq, options.Node);
                    }
                }

                return new SipBindingChange(put.Values.ToList(), removed);
            },
            cancellationToken).ConfigureAwait(false);
        return after is null ? SipResponses.Create(request, 500, "Server Internal Error", ToTag) : Ok(request, after);
    }

    /// <summary>§10.3 step 8: 200 OK listing every current binding with the seconds it has left.</summary>
    private SipResponse Ok(SipRequest request, IReadOnlyList<SipBinding> bindings)
    {
        var now = time.GetUtcNow();
        var ok = SipResponses.Create(request, 200, "OK", ToTag);
        foreach (var binding in bindings)
        {
            var left = Math.Max(0, (long)Math.Ceiling((binding.ExpiresAt - now).TotalSeconds));
            ok.Headers.Add(HeaderNames.Contact, $"<{binding.Contact}>;expires={left.ToString(CultureInfo.InvariantCulture)}");
        }

        ok.Headers.Add(HeaderNames.Date, now.ToString("r", CultureInfo.InvariantCulture));
        return ok;
    }

    private SipResponse Challenge(SipRequest request, bool stale)
    {
        var response = SipResponses.Create(request, 401, "Unauthorized", ToTag);
        foreach (var algorithm in options.ChallengeAlgorithms)
        {
            response.Headers.Add(HeaderNames.WwwAuthenticate, authenticator.Challenge(algorithm, stale));
        }

        return response;
    }

    /// <summary>The user names a request claims: its To user and the username of its Digest credentials.</summary>
    private static List<string> ClaimedUsers(SipRequest request)
    {
        var users = new List<string>();
        if (request.To?.Uri.User is { Length: > 0 } to)
        {
            users.Add(SipUri.Unescape(to));
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

    private static long? ParseSeconds(string? value) =>
        value is null ? null
        : long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? Math.Min(seconds, uint.MaxValue)
        : -1;

    private static string Seconds(TimeSpan span) => ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
