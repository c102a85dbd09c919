using Coffer.Sip.Core;
using Coffer.Sip.Message;
using Coffer.Sip.Presence;
using Coffer.Sip.Proxy;
using Coffer.Sip.Registrar;
using Coffer.Sip.Transactions;

namespace Coffer.Server.Sip;

/// <summary>
/// What the control server does with each request: REGISTER to the registrar and OPTIONS answered with what is served,
/// both after the UAS checks of RFC 3261 §8.2.2; INVITE, BYE and CANCEL (and whatever else a dialog carries) to the
/// proxy of the transport it came on (§16, seed 003 steps 11–23), which answers them itself; SUBSCRIBE, new or inside
/// its dialog, to the presence notifier (RFC 6665), which answers and sends its NOTIFYs over the same transport.
/// </summary>
public sealed class SipRequestHandler(SipRegistrar registrar, PresenceNotifier presence)
{
    public const string Allowed = "REGISTER, OPTIONS, INVITE, ACK, BYE, CANCEL, SUBSCRIBE";

    private readonly UasRequestChecks checks = new([], ["application/sdp"]);

    public async Task<SipResponse?> HandleAsync(SipServerTransaction transaction, SipTransactionLayer layer, SipProxy proxy, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        var transport = layer.Transport.Protocol;
        if (request.Method == SipMethods.Ack)
        {
            // The ACK of a non-2xx final response: the server transaction absorbed what it needed (§17.2.1).
            return null;
        }

        if (request.Method == SipMethods.Subscribe)
        {
            // Before the dialog rule below: a refreshing SUBSCRIBE carries our To tag, and the dialog is ours, not the proxy's.
            if (checks.Check(request) is { } refusedSubscribe)
            {
                return refusedSubscribe;
            }

            await presence.HandleAsync(transaction, layer, cancellationToken);
            return null;
        }

        // A new session, its cancellation, and whatever travels inside a dialog (BYE; an ACK is a stray) are proxied.
        if (request.Method is SipMethods.Invite or SipMethods.Cancel or SipMethods.Bye || request.To?.Tag is not null)
        {
            await proxy.HandleRequestAsync(transaction, cancellationToken);
            return null;
        }

        if (request.Method is not (SipMethods.Register or SipMethods.Options))
        {
            var notAllowed = SipResponses.Create(request, 405, "Method Not Allowed", "coffer");
            notAllowed.Headers.Add(HeaderNames.Allow, Allowed);
            return notAllowed;
        }

        if (checks.Check(request) is { } refused)
        {
            return refused;
        }

        if (request.Method == SipMethods.Register)
        {
            return await registrar.RegisterAsync(request, transaction.Source, transport, cancellationToken);
        }

        var options = SipResponses.Create(request, 200, "OK", "coffer");
        options.Headers.Add(HeaderNames.Allow, Allowed);
        // RFC 6665 §8.2.2: the event packages served.
        options.Headers.Add(HeaderNames.AllowEvents, PeerListEvent.Package);
        return options;
    }
}
