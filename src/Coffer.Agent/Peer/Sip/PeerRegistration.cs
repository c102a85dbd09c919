using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Transactions;

namespace Coffer.Agent.Peer.Sip;

/// <summary>
/// The agent's registration with the SIP control server (seed 003 steps 1–5; RFC 3261 §10.2): REGISTER with the
/// account's digest credentials, Contact <c>sip:DEVICE@address:port</c> (the device id is the agent's SyncML device
/// id, docs/sip.md "Device ids"), refreshed at half the interval the server granted so the device stays "always
/// online"; an un-REGISTER (Expires 0) when it goes offline.
/// </summary>
public sealed class PeerRegistration(SipTransactionLayer layer, IPEndPoint server, string user, string password, string deviceId)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string callId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "@coffer-agent";
    private readonly string fromTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private uint cseq;

    /// <summary>The Contact this device registers.</summary>
    public string Contact => $"sip:{deviceId}@{layer.Transport.LocalEndPoint}";

    /// <summary>Registers for <paramref name="expires"/> (the server may grant less); returns the interval granted.</summary>
    /// <exception cref="PeerSipException">The server refused (wrong password: 401 again; a blocked account: 503).</exception>
    public async Task<TimeSpan> RegisterAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        var response = await SendAsync(expires, null, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; response.StatusCode == 401 && attempt < 2; attempt++)
        {
            var challenge = response.Headers.Values(HeaderNames.WwwAuthenticate).FirstOrDefault()
                ?? throw new PeerSipException(401, "the server's 401 carries no challenge");
            var authorization = DigestClient.Authorize(challenge, user, password, SipMethods.Register, RequestUri)
                ?? throw new PeerSipException(401, "the server's challenge uses an algorithm this agent does not speak");
            response = await SendAsync(expires, authorization, cancellationToken).ConfigureAwait(false);

            // A second 401 is a wrong password unless it says stale=true (a fresh nonce is all it wants).
            if (response.StatusCode == 401 && !response.Headers.Values(HeaderNames.WwwAuthenticate).Any(c => c.Contains("stale=true", StringComparison.OrdinalIgnoreCase)))
            {
                throw new PeerSipException(401, "the server refused the account's password");
            }
        }

        if (response.StatusCode != 200)
        {
            throw new PeerSipException(response.StatusCode, $"REGISTER answered {response.StatusCode} {response.ReasonPhrase}");
        }

        return Granted(response) ?? expires;
    }

    /// <summary>Keeps the registration alive until cancelled, then removes it; a failed refresh is retried after a few seconds.</summary>
    public async Task RunAsync(TimeSpan expires, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan next;
                try
                {
                    var granted = await RegisterAsync(expires, cancellationToken).ConfigureAwait(false);
                    next = granted / 2;
                }
                catch (Exception ex) when (ex is PeerSipException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    log($"registration failed: {ex.Message}; trying again in 5 s");
                    next = TimeSpan.FromSeconds(5);
                }

                await Task.Delay(next, layer.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        try
        {
            using var bye = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await RegisterAsync(TimeSpan.Zero, bye.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PeerSipException or TimeoutException or OperationCanceledException)
        {
            // Offline anyway: the binding expires by itself within the interval.
        }
    }

    private string RequestUri => $"sip:{server}";

    private async Task<SipResponse> SendAsync(TimeSpan expires, string? authorization, CancellationToken cancellationToken)
    {
        var request = new SipRequest { Method = SipMethods.Register, Uri = SipUriParser.Parse(RequestUri) };
        request.Headers.Add(HeaderNames.Via, $"SIP/2.0/{layer.Transport.Protocol} {layer.Transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()};rport");
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, $"<sip:{user}@{server.Address}>;tag={fromTag}");
        request.Headers.Add(HeaderNames.To, $"<sip:{user}@{server.Address}>");
        request.Headers.Add(HeaderNames.CallId, callId);
        request.Headers.Add(HeaderNames.CSeq, new SipCSeq(++cseq, SipMethods.Register).ToString());
        request.Headers.Add(HeaderNames.Contact, $"<{Contact}>");
        request.Headers.Add(HeaderNames.Expires, ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (authorization != null)
        {
            request.Headers.Add(HeaderNames.Authorization, authorization);
        }

        return await layer.Send(request, server).FinalResponse.WaitAsync(Wait, layer.Time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The interval the 200 OK gives this device's contact (§10.3 step 8: every binding with its expires).</summary>
    private TimeSpan? Granted(SipResponse ok)
    {
        foreach (var value in ok.Headers.Values(HeaderNames.Contact))
        {
            if (value.Contains(Contact, StringComparison.Ordinal))
            {
                var at = value.IndexOf("expires=", StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && int.TryParse(value.AsSpan(at + 8).TrimEnd(';'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }

        return ok.Headers.First(HeaderNames.Expires) is { } header && int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var all) ? TimeSpan.FromSeconds(all) : null;
    }
}
