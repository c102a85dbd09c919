using System.Net;
using System.Security.Cryptography;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;

namespace Coffer.Agent.Peer.Sip;

/// <summary>
/// The inviting agent's side of a peer session (seed 003 steps 11–23): INVITE through the control server with the
/// session description's offer (answering the proxy's 407 with the account's digest), the 200 OK's answer (where the
/// invited agent listens), the ACK along the route set the 2xx recorded (RFC 3261 §12.1.2, §13.2.2.4), and the BYE
/// that ends it (§15).
/// </summary>
public sealed class PeerCall(SipTransactionLayer layer, IPEndPoint server, string user, string password, string deviceId)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private SipRequest? invite;
    private SipResponse? ok;

    /// <summary>Invites <paramref name="peerDevice"/> of the same account; returns the invited agent's answer.</summary>
    /// <exception cref="PeerSipException">404 (offline), 486 (busy), 408 (no answer), 488/415/400 (the offer refused).</exception>
    public async Task<SessionDescription> InviteAsync(string peerDevice, SessionDescription offer, CancellationToken cancellationToken)
    {
        var target = SipUri.Sip(user, server.Address.ToString(), server.Port);
        target.Parameters.Set("device", peerDevice);
        var callId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "@coffer-agent";
        var fromTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        invite = Invite(target, offer, callId, fromTag, null);
        var response = await layer.Send(invite, server).FinalResponse.WaitAsync(Wait, layer.Time, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 407 && response.Headers.First(HeaderNames.ProxyAuthenticate) is { } challenge)
        {
            var authorization = DigestClient.Authorize(challenge, user, password, SipMethods.Invite, target.ToString())
                ?? throw new PeerSipException(407, "the server's challenge uses an algorithm this agent does not speak");
            invite = Invite(target, offer, callId, fromTag, authorization);
            response = await layer.Send(invite, server).FinalResponse.WaitAsync(Wait, layer.Time, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode is < 200 or >= 300)
        {
            throw new PeerSipException(response.StatusCode, response.StatusCode switch
            {
                404 => $"{peerDevice} is not online",
                486 => $"{peerDevice} is busy",
                408 => $"{peerDevice} did not answer",
                407 => "the server refused the account's password",
                _ => $"the invitation was answered {response.StatusCode} {response.ReasonPhrase}",
            });
        }

        ok = response;
        var answer = SessionDescriptionBody.Read(response) ?? throw new PeerSipException(response.StatusCode, "the 200 OK carries no session description");
        await layer.SendStatelessAsync(InDialog(SipMethods.Ack, invite.CSeq!.Number), server, cancellationToken).ConfigureAwait(false);
        return answer;
    }

    /// <summary>Ends the session (steps 20–23): the control server frees its state on the BYE's 200.</summary>
    public async Task<int> ByeAsync(CancellationToken cancellationToken)
    {
        if (invite is null || ok is null)
        {
            throw new InvalidOperationException("no session to end");
        }

        var response = await layer.Send(InDialog(SipMethods.Bye, invite.CSeq!.Number + 1), server).FinalResponse.WaitAsync(Wait, layer.Time, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    private SipRequest Invite(SipUri target, SessionDescription offer, string callId, string fromTag, string? authorization)
    {
        var request = new SipRequest { Method = SipMethods.Invite, Uri = target };
        request.Headers.Add(HeaderNames.Via, Via());
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, $"<sip:{user}@{server.Address};device={deviceId}>;tag={fromTag}");
        request.Headers.Add(HeaderNames.To, $"<{target}>");
        request.Headers.Add(HeaderNames.CallId, callId);
        request.Headers.Add(HeaderNames.CSeq, new SipCSeq(1, SipMethods.Invite).ToString());
        request.Headers.Add(HeaderNames.Contact, $"<sip:{deviceId}@{layer.Transport.LocalEndPoint}>");
        if (authorization is not null)
        {
            request.Headers.Add(HeaderNames.ProxyAuthorization, authorization);
        }

        SessionDescriptionBody.Attach(request, offer);
        return request;
    }

    private SipRequest InDialog(string method, uint number)
    {
        var request = new SipRequest { Method = method, Uri = ok!.Contacts[0].Uri };
        request.Headers.Add(HeaderNames.Via, Via());
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in ok.Headers.Values(HeaderNames.RecordRoute).Reverse())
        {
            request.Headers.Add(HeaderNames.Route, route);
        }

        request.Headers.Add(HeaderNames.From, invite!.Headers.First(HeaderNames.From)!);
        request.Headers.Add(HeaderNames.To, ok.Headers.First(HeaderNames.To)!);
        request.Headers.Add(HeaderNames.CallId, invite.CallId!);
        request.Headers.Add(HeaderNames.CSeq, new SipCSeq(number, method).ToString());
        return request;
    }

    private string Via() => $"SIP/2.0/{layer.Transport.Protocol} {layer.Transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()};rport";
}
