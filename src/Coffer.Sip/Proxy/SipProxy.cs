using System.Collections.Concurrent;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Proxy;

/// <summary>
/// The stateful proxy of the control server (RFC 3261 §16; seed 003 steps 11–23) on one transaction layer:
/// authenticates and forwards an initial INVITE to the callee's binding, record-routes so that ACK and BYE pass
/// here (loose routing, §16.12), answers CANCEL hop by hop (§16.10), and keeps the table of peer sessions.
/// A host that also runs a registrar hands the proxy the transactions and strays that are not REGISTER.
/// </summary>
public sealed class SipProxy
{
    private readonly SipTransactionLayer _layer;
    private readonly DigestAuthenticator _authenticator;
    private readonly IProxyTargets _targets;
    private readonly ProxyOptions _options;
    private readonly ConcurrentDictionary<string, InviteRelay> _pending = new(StringComparer.Ordinal);

    public SipProxy(SipTransactionLayer layer, DigestAuthenticator authenticator, IProxyTargets targets, PeerSessionTable sessions, ProxyOptions? options = null)
    {
        _layer = layer;
        _authenticator = authenticator;
        _targets = targets;
        _options = options ?? new ProxyOptions();
        Sessions = sessions;
        Hop = new ProxyHop(_options.Advertised ?? layer.Transport.LocalEndPoint, layer.Transport.Protocol);
    }

    public PeerSessionTable Sessions { get; }

    public ProxyHop Hop { get; }

    /// <summary>Serves every request and stray of the layer until cancelled (a proxy that is alone on its transport).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var strays = Task.Run(async () =>
        {
            await foreach (var stray in _layer.Strays.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await HandleStrayAsync(stray, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A stray that cannot be routed on (a Via whose sent-by is a name, say) is dropped, as §16.11 allows.
                }
            }
        }, cancellationToken);
        var handlers = new List<Task>();
        try
        {
            await foreach (var transaction in _layer.Requests.ReadAllAsync(cancellationToken))
            {
                handlers.RemoveAll(t => t.IsCompleted);
                handlers.Add(Task.Run(() => HandleOrFailAsync(transaction, cancellationToken), cancellationToken));
            }
        }
        finally
        {
            await Task.WhenAll(handlers.Append(strays)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>A request whose handling fails gets 500 rather than silence (§21.5.1).</summary>
    private async Task HandleOrFailAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await HandleRequestAsync(transaction, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            transaction.Respond(SipResponses.Create(transaction.Request, 500, "Server Internal Error", "proxy"));
        }
    }

    public async Task HandleRequestAsync(SipServerTransaction transaction, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;
        // §16.3 step 3: Max-Forwards of zero ends the request here (RFC 4475 §3.3.6 zeromf).
        if (request.MaxForwards == 0)
        {
            transaction.Respond(SipResponses.Create(request, 483, "Too Many Hops", "proxy"));
            return;
        }
        if (request.Method == SipMethods.Cancel)
        {
            HandleCancel(transaction);
            return;
        }
        // §16.3 step 5: the proxy supports no extension, so any Proxy-Require tag is refused.
        var required = request.Headers.Values(HeaderNames.ProxyRequire).Where(t => t.Length > 0).ToList();
        if (required.Count > 0)
        {
            var refused = SipResponses.Create(request, 420, "Bad Extension", "proxy");
            required.ForEach(t => refused.Headers.Add(HeaderNames.Unsupported, t));
            transaction.Respond(refused);
            return;
        }
        var forwarded = SipMessageCopy.Of(request);
        var routedHere = Hop.PopOwnRoute(forwarded);
        if (request.To?.Tag is not null)
        {
            await ForwardInDialogAsync(transaction, forwarded, routedHere, cancellationToken);
        }
        else if (request.Method == SipMethods.Invite)
        {
            await ForwardInviteAsync(transaction, forwarded, cancellationToken);
        }
        else
        {
            var notAllowed = SipResponses.Create(request, 405, "Method Not Allowed", "proxy");
            notAllowed.Headers.Add(HeaderNames.Allow, "INVITE, ACK, BYE, CANCEL");
            transaction.Respond(notAllowed);
        }
    }

    /// <summary>What matches no transaction: the ACK of a 2xx (routed on, §16.12) and 2xx retransmissions (relayed, §16.7).</summary>
    public async Task HandleStrayAsync(SipInboundMessage stray, CancellationToken cancellationToken = default)
    {
        switch (stray.Message)
        {
            case SipResponse response:
                await ResponseRelay.ForwardStatelessAsync(_layer, Hop, response, cancellationToken);
                break;
            case SipRequest { Method: SipMethods.Ack } ack when ack.MaxForwards != 0:
                var forwarded = SipMessageCopy.Of(ack);
                // An ACK that did not come through our Record-Route, or of no session of ours, is not ours to route.
                if (!Hop.PopOwnRoute(forwarded) || Sessions.Find(ack.CallId!) is null || NextHop.Resolve(forwarded) is not { } next)
                {
                    return;
                }
                Hop.Stamp(forwarded);
                Sessions.Update(ack.CallId!, PeerSessionState.Established);
                await _layer.SendStatelessAsync(forwarded, next, cancellationToken);
                break;
        }
    }

    private async Task ForwardInviteAsync(SipServerTransaction transaction, SipRequest forwarded, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        // Seed 003 step 13: the caller is authenticated first. A proxy challenges with 407 (RFC 3261 §22.3).
        var result = await _authenticator.VerifyAsync(request, HeaderNames.ProxyAuthorization, cancellationToken);
        if (!result.IsAuthenticated)
        {
            var challenge = SipResponses.Create(request, 407, "Proxy Authentication Required", "proxy");
            foreach (var value in _authenticator.Challenges(result.Outcome == DigestOutcome.Stale))
            {
                challenge.Headers.Add(HeaderNames.ProxyAuthenticate, value);
            }
            transaction.Respond(challenge);
            return;
        }
        var caller = result.Username!;
        if (request.From?.Uri is not { IsSip: true, User: { } fromUser } fromUri || SipUri.Unescape(fromUser) != caller)
        {
            transaction.Respond(SipResponses.Create(request, 403, "From Does Not Match Credentials", "proxy"));
            return;
        }
        if (request.Uri.User is not { } calleeUser || forwarded.Headers.First(HeaderNames.Route) is not null)
        {
            transaction.Respond(SipResponses.Create(request, 404, "Not Found", "proxy"));
            return;
        }
        var callee = SipUri.Unescape(calleeUser);
        if (_options.SameAccountOnly && callee != caller)
        {
            transaction.Respond(SipResponses.Create(request, 403, "Peers Of One Account Only", "proxy"));
            return;
        }
        var targets = await _targets.FindAsync(callee, request.Uri.Parameters.Get("device"), cancellationToken);
        if (targets.Count == 0)
        {
            // The callee device has no binding: it is offline.
            transaction.Respond(SipResponses.Create(request, 404, "Not Found", "proxy"));
            return;
        }
        var target = targets[0];
        var session = new PeerSession(request.CallId!, caller, fromUri.Parameters.Get("device"), callee, target.Device,
            _layer.Time.GetUtcNow(), PeerSessionState.Inviting, Offer(request));
        if (!Sessions.TryBegin(session))
        {
            transaction.Respond(SipResponses.Create(request, 486, "Busy Here", "proxy"));
            return;
        }
        forwarded.Uri = target.Contact;
        RemoveOwnCredentials(forwarded);
        forwarded.Headers.Insert(0, new SipHeader(HeaderNames.RecordRoute, Hop.RecordRoute()));
        Hop.Stamp(forwarded);
        var relay = new InviteRelay(_layer, Hop, Sessions, transaction, forwarded, target.Destination, _options.TimerC);
        var key = CancelKey(request);
        _pending[key] = relay;
        try
        {
            await relay.RunAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(key, out _);
            // A relay that ended without a final response (abandoned, stopped) leaves no session behind.
            if (Sessions.Find(session.CallId) is { State: PeerSessionState.Inviting })
            {
                Sessions.End(session.CallId, PeerSessionOutcome.Failed);
            }
        }
    }

    /// <summary>ACK excepted, requests inside a dialog we record-routed (BYE above all) are forwarded statefully.</summary>
    private async Task ForwardInDialogAsync(SipServerTransaction transaction, SipRequest forwarded, bool routedHere, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        if (!routedHere || NextHop.Resolve(forwarded) is not { } next)
        {
            transaction.Respond(SipResponses.Create(request, 404, "Not Found", "proxy"));
            return;
        }
        // Only the dialogs of our peer sessions are routed: the proxy is no open relay to any address.
        if (Sessions.Find(request.CallId!) is null)
        {
            transaction.Respond(SipResponses.Create(request, 481, "Call/Transaction Does Not Exist", "proxy"));
            return;
        }
        var bye = request.Method == SipMethods.Bye;
        if (bye)
        {
            Sessions.Update(request.CallId!, PeerSessionState.Ending);
        }
        Hop.Stamp(forwarded);
        var client = _layer.Send(forwarded, next);
        await foreach (var response in client.Responses.ReadAllAsync(cancellationToken))
        {
            if (response.StatusCode == 100)
            {
                continue;
            }
            transaction.Respond(ResponseRelay.Upstream(response, "proxy"));
            if (response.StatusCode >= 200)
            {
                break;
            }
        }
        // Seed 003 step 22: once the other device answered the BYE, the session information is recycled.
        if (bye)
        {
            Sessions.End(request.CallId!, PeerSessionOutcome.Completed);
        }
    }

    /// <summary>§16.10: a CANCEL matching a pending INVITE gets 200 here and is sent on; otherwise 481.</summary>
    private void HandleCancel(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!_pending.TryGetValue(CancelKey(request), out var relay) || relay.Answered)
        {
            transaction.Respond(SipResponses.Create(request, 481, "Call/Transaction Does Not Exist", "proxy"));
            return;
        }
        transaction.Respond(SipResponses.Create(request, 200, "OK", "proxy"));
        relay.Cancel();
    }

    /// <summary>A CANCEL carries its INVITE's top Via (§9.1), so branch and sent-by find the INVITE (§9.2, §17.2.3).</summary>
    private static string CancelKey(SipRequest request)
    {
        var via = request.TopVia!;
        return $"{via.Branch}|{via.Host}:{via.Port}|{request.CallId}";
    }

    /// <summary>The credentials for our realm are used up here; the callee has no use for them.</summary>
    private void RemoveOwnCredentials(SipRequest request) =>
        request.Headers.RemoveAll(h => h.Name == HeaderNames.ProxyAuthorization &&
            DigestParameters.Parse(h.Value) is { } p && p.Values.GetValueOrDefault("realm") == _authenticator.Realm);

    private static SessionDescription? Offer(SipRequest request)
    {
        try
        {
            return SessionDescriptionBody.Read(request);
        }
        catch (SessionDescriptionException)
        {
            // The callee refuses an invalid offer (SessionOfferCheck); the proxy relays its answer.
            return null;
        }
    }
}
