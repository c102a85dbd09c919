using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>
/// The calling device, a user agent made of the stack's layers: INVITE (answering the proxy's 407), then the ACK
/// of the 2xx and the BYE along the route set the 2xx recorded (RFC 3261 §12.1.2, §13.2.2.4, §15), or CANCEL (§9.1).
/// </summary>
public sealed class CallerAgent(SipTransactionLayer layer, IPEndPoint proxy, string user, string password, string device)
{
    private uint _cseq = 100;

    public IPEndPoint Local => layer.Transport.LocalEndPoint;

    public SipUri Target(string calleeUser, string? calleeDevice)
    {
        var uri = SipUri.Sip(calleeUser, proxy.Address.ToString(), proxy.Port);
        if (calleeDevice is not null)
        {
            uri.Parameters.Set("device", calleeDevice);
        }
        return uri;
    }

    public SessionDescription Offer(PeerDataType type = PeerDataType.Contacts, PeerSyncProtocol protocol = PeerSyncProtocol.SyncML) =>
        new(new IPEndPoint(Local.Address, 40000), type, protocol, Secret: "c2VjcmV0LW9mLXRoaXMtc2Vzc2lvbg");

    public async Task<OutgoingCall> InviteAsync(SipUri target, SessionDescription? offer, int maxForwards = 70, string? fromUser = null)
    {
        var callId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "@" + Local.Address;
        var fromTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var first = Invite(target, offer, callId, fromTag, maxForwards, fromUser, null);
        var transaction = layer.Send(first, proxy);
        var response = await Guarded(transaction.FinalResponse);
        if (response.StatusCode != 407)
        {
            return new OutgoingCall(first, transaction, null);
        }
        var authorization = DigestClient.Authorize(response.Headers.First(HeaderNames.ProxyAuthenticate)!, user, password,
            SipMethods.Invite, target.ToString())!;
        var second = Invite(target, offer, callId, fromTag, maxForwards, fromUser, authorization);
        return new OutgoingCall(second, layer.Send(second, proxy), response);
    }

    /// <summary>§13.2.2.4: the ACK of a 2xx goes to the remote target along the route set, outside any transaction.</summary>
    public Task AckAsync(OutgoingCall call, SipResponse ok) =>
        layer.SendStatelessAsync(InDialog(SipMethods.Ack, call.Invite, ok, call.Invite.CSeq!.Number), proxy);

    public Task<SipResponse> ByeAsync(OutgoingCall call, SipResponse ok) =>
        Guarded(layer.Send(InDialog(SipMethods.Bye, call.Invite, ok, ++_cseq), proxy).FinalResponse);

    /// <summary>§9.1: the CANCEL repeats the INVITE's Request-URI, top Via, From, To, Call-ID and CSeq number.</summary>
    public Task<SipResponse> CancelAsync(OutgoingCall call)
    {
        var invite = call.Invite;
        var cancel = new SipRequest { Method = SipMethods.Cancel, Uri = invite.Uri };
        cancel.Headers.Add(HeaderNames.Via, invite.Headers.First(HeaderNames.Via)!);
        cancel.Headers.Add(HeaderNames.MaxForwards, "70");
        cancel.Headers.Add(HeaderNames.From, invite.Headers.First(HeaderNames.From)!);
        cancel.Headers.Add(HeaderNames.To, invite.Headers.First(HeaderNames.To)!);
        cancel.Headers.Add(HeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(HeaderNames.CSeq, new SipCSeq(invite.CSeq!.Number, SipMethods.Cancel).ToString());
        return Guarded(layer.Send(cancel, proxy).FinalResponse);
    }

    private SipRequest Invite(SipUri target, SessionDescription? offer, string callId, string fromTag, int maxForwards, string? fromUser, string? authorization)
    {
        var invite = new SipRequest { Method = SipMethods.Invite, Uri = target };
        invite.Headers.Add(HeaderNames.Via, Via());
        invite.Headers.Add(HeaderNames.MaxForwards, maxForwards.ToString(CultureInfo.InvariantCulture));
        invite.Headers.Add(HeaderNames.From, $"<sip:{fromUser ?? user}@{proxy.Address};device={device}>;tag={fromTag}");
        invite.Headers.Add(HeaderNames.To, $"<{target}>");
        invite.Headers.Add(HeaderNames.CallId, callId);
        invite.Headers.Add(HeaderNames.CSeq, new SipCSeq(++_cseq, SipMethods.Invite).ToString());
        invite.Headers.Add(HeaderNames.Contact, $"<sip:{user}@{Local}>");
        if (authorization is not null)
        {
            invite.Headers.Add(HeaderNames.ProxyAuthorization, authorization);
        }
        if (offer is not null)
        {
            SessionDescriptionBody.Attach(invite, offer);
        }
        return invite;
    }

    private SipRequest InDialog(string method, SipRequest invite, SipResponse ok, uint cseq)
    {
        var request = new SipRequest { Method = method, Uri = ok.Contacts[0].Uri };
        request.Headers.Add(HeaderNames.Via, Via());
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in ok.Headers.Values(HeaderNames.RecordRoute).Reverse())
        {
            request.Headers.Add(HeaderNames.Route, route);
        }
        request.Headers.Add(HeaderNames.From, invite.Headers.First(HeaderNames.From)!);
        request.Headers.Add(HeaderNames.To, ok.Headers.First(HeaderNames.To)!);
        request.Headers.Add(HeaderNames.CallId, invite.CallId!);
        request.Headers.Add(HeaderNames.CSeq, new SipCSeq(cseq, method).ToString());
        return request;
    }

    private string Via() => $"SIP/2.0/{layer.Transport.Protocol} {Local};branch={SipTransactionLayer.NewBranch()};rport";

    private static async Task<T> Guarded<T>(Task<T> task)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await task.WaitAsync(guard.Token);
    }
}
