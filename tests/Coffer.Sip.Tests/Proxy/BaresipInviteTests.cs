using System.Net;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Proxy;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>Debian baresip's captured INVITE (an SDP audio offer) through the proxy: challenged, routed, refused by the callee.</summary>
public class BaresipInviteTests
{
    [Fact]
    public async Task The_captured_invite_is_challenged_then_routed_and_the_callee_answers_415()
    {
        // The capture was sent from 127.0.0.1:5070 to 127.0.0.1:5080 for bob, with alice in From.
        await using var rig = ProxyRig.InMemory(options: new ProxyOptions { SameAccountOnly = false },
            callerAddress: new IPEndPoint(IPAddress.Loopback, 5070), proxyAddress: new IPEndPoint(IPAddress.Loopback, 5080));
        rig.Targets.Add("bob", "desk", ProxyRig.CalleeAddress);
        var parser = new SipMessageParser(SipCompliance.Strict);
        var captured = (SipRequest)parser.Parse(GoldenFiles.Read("baresip", "02-INVITE.sip"));

        var challenge = await rig.CallerLayer.Send(captured, rig.ProxyLayer.Transport.LocalEndPoint).FinalResponse;
        challenge.StatusCode.ShouldBe(407);

        var authorized = (SipRequest)parser.Parse(GoldenFiles.Read("baresip", "02-INVITE.sip"));
        authorized.Headers.Set(HeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:5070;branch={SipTransactionLayer.NewBranch()};rport");
        authorized.Headers.Set(HeaderNames.CSeq, new SipCSeq(captured.CSeq!.Number + 1, SipMethods.Invite).ToString());
        authorized.Headers.Add(HeaderNames.ProxyAuthorization, DigestClient.Authorize(
            challenge.Headers.First(HeaderNames.ProxyAuthenticate)!, ProxyRig.User, ProxyRig.Password, SipMethods.Invite, captured.Uri.ToString())!);
        var final = await rig.CallerLayer.Send(authorized, rig.ProxyLayer.Transport.LocalEndPoint).FinalResponse;

        final.StatusCode.ShouldBe(415);
        final.Headers.First(HeaderNames.Accept).ShouldBe(SessionDescriptionBody.ContentType);
        var routed = await rig.Callee.NextAsync(SipMethods.Invite);
        routed.Uri.Host.ShouldBe(ProxyRig.CalleeAddress.Address.ToString());
        routed.ContentType.ShouldBe("application/sdp");
        routed.Body.ShouldBe(captured.Body);
        var started = await rig.NextChangeAsync();
        started.Session.Callee.ShouldBe("bob");
        started.Session.Description.ShouldBeNull();
        var ended = await rig.EndedAsync();
        ended.Outcome.ShouldBe(PeerSessionOutcome.Failed);
        ended.Status.ShouldBe(415);
    }
}
