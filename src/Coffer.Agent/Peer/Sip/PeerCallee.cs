using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;

namespace Coffer.Agent.Peer.Sip;

/// <summary>
/// The invited agent's side (seed 003 steps 14–23), on the transaction layer it registered with: an INVITE whose offer
/// it serves starts the direct transfer through <paramref name="accept"/> (which returns where it listens), is answered
/// 180 then 200 with the answer; an offer it does not serve gets 415/400/488 (<see cref="SessionOfferCheck"/>), a
/// transfer it cannot start (busy with another) 486; the BYE of either side ends the session (<see cref="Ended"/>).
/// </summary>
public sealed class PeerCallee(
    SipTransactionLayer layer,
    string deviceId,
    Func<SessionDescription, bool> serves,
    Func<PeerInvitation, CancellationToken, Task<IPEndPoint>> accept)
{
    private readonly SessionOfferCheck check = new(serves, "coffer-agent");

    /// <summary>Raised with the Call-ID when a session's BYE arrives.</summary>
    public event Action<string>? Ended;

    /// <summary>Serves the layer's requests until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var transaction in layer.Requests.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _ = HandleAsync(transaction, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        switch (request.Method)
        {
            case SipMethods.Invite:
                await InviteAsync(transaction, cancellationToken).ConfigureAwait(false);
                break;
            case SipMethods.Bye:
                transaction.Respond(SipResponses.Create(request, 200, "OK", deviceId));
                Ended?.Invoke(request.CallId!);
                break;
            case SipMethods.Ack:
                break;
            default:
                transaction.Respond(SipResponses.Create(request, 405, "Method Not Allowed", deviceId));
                break;
        }
    }

    private async Task InviteAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        var result = check.Check(request, deviceId);
        if (result.Error is { } refused)
        {
            transaction.Respond(refused);
            return;
        }

        transaction.Respond(SipResponses.Create(request, 180, "Ringing", deviceId));
        IPEndPoint listening;
        try
        {
            var invitation = new PeerInvitation(request.CallId!, request.From?.Uri.Parameters.Get("device"), result.Offer!);
            listening = await accept(invitation, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerBusyException)
        {
            transaction.Respond(SipResponses.Create(request, 486, "Busy Here", deviceId));
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The transfer could not start (a folder it cannot read, a port it cannot bind): a final answer all the
            // same, so the caller is not left to its timer (RFC 3261 §21.5.1).
            transaction.Respond(SipResponses.Create(request, 500, "Server Internal Error", deviceId));
            return;
        }

        var ok = SipResponses.Create(request, 200, "OK", deviceId);
        foreach (var route in request.Headers.Values(HeaderNames.RecordRoute))
        {
            ok.Headers.Add(HeaderNames.RecordRoute, route);
        }

        ok.Headers.Add(HeaderNames.Contact, $"<sip:{deviceId}@{layer.Transport.LocalEndPoint}>");
        SessionDescriptionBody.Attach(ok, result.Offer!.Answer(listening));
        transaction.Respond(ok);
    }
}
