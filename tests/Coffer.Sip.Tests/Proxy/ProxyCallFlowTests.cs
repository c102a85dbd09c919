using Coffer.Sip.Message;
using Coffer.Sip.Proxy;
using Coffer.Sip.Session;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>Seed 003 steps 11–23 through the proxy, on the in-memory network and on UDP and TCP on 127.0.0.1–3.</summary>
public class ProxyCallFlowTests
{
    public static TheoryData<string> Networks => new("memory", "udp", "tcp");

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_session_is_set_up_acknowledged_and_ended_and_the_table_is_empty_after(string network)
    {
        await using var rig = ProxyRig.Create(network);
        var offer = rig.Caller.Offer();

        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), offer);

        // Step 12: the proxy's 100 Trying, then its 407 challenge; the INVITE with credentials goes on.
        call.Challenge!.StatusCode.ShouldBe(407);
        call.Challenge.Headers.Values(HeaderNames.ProxyAuthenticate).Count().ShouldBe(2);
        (await call.Transaction.Responses.ReadAsync()).StatusCode.ShouldBe(100);
        (await call.NextAsync()).StatusCode.ShouldBe(180);
        var ok = await call.NextAsync();
        ok.StatusCode.ShouldBe(200);

        // Steps 13–14: the callee got the INVITE with the proxy's Via and Record-Route, one hop less, no credentials.
        var forwarded = await rig.Callee.NextAsync(SipMethods.Invite);
        forwarded.Vias.Count.ShouldBe(2);
        rig.Proxy.Hop.IsOwn(forwarded.Vias[0]).ShouldBeTrue();
        forwarded.MaxForwards.ShouldBe(69);
        forwarded.Headers.First(HeaderNames.ProxyAuthorization).ShouldBeNull();
        var recordRoute = forwarded.Headers.Values(HeaderNames.RecordRoute).Single();
        recordRoute.ShouldContain(";lr");
        forwarded.Uri.Host.ShouldBe(rig.CalleeLayer.Transport.LocalEndPoint.Address.ToString());
        SessionDescriptionBody.Read(forwarded).ShouldBe(offer);

        // Steps 15–16: the 200 OK reaches the caller with the callee's answer, the proxy's Via gone.
        ok.Vias.Count.ShouldBe(1);
        ok.Headers.Values(HeaderNames.RecordRoute).Single().ShouldBe(recordRoute);
        var answer = SessionDescriptionBody.Read(ok)!;
        answer.Destination.ShouldBe(rig.Callee.Listening);
        answer.Source.ShouldBe(offer.Source);
        answer.DataType.ShouldBe(PeerDataType.Contacts);

        var started = await rig.NextChangeAsync();
        started.Session.State.ShouldBe(PeerSessionState.Inviting);
        started.Session.CallerDevice.ShouldBe(ProxyRig.CallerDevice);
        started.Session.CalleeDevice.ShouldBe(ProxyRig.CalleeDevice);
        started.Session.DataType.ShouldBe(PeerDataType.Contacts);
        (await rig.NextChangeAsync()).Session.State.ShouldBe(PeerSessionState.Answered);

        // Steps 17–18: the ACK goes along the route set through the proxy to the callee.
        await rig.Caller.AckAsync(call, ok);
        var ack = await rig.Callee.NextAsync(SipMethods.Ack);
        ack.Headers.First(HeaderNames.Route).ShouldBeNull();
        ack.Vias.Count.ShouldBe(2);
        (await rig.NextChangeAsync()).Session.State.ShouldBe(PeerSessionState.Established);
        rig.Sessions.Count.ShouldBe(1);
        rig.Sessions.Find(call.Invite.CallId!)!.Description!.Destination.ShouldBe(rig.Callee.Listening);

        // Steps 20–23: BYE through the proxy, 200 back; the session information is recycled.
        var byeResponse = await rig.Caller.ByeAsync(call, ok);
        byeResponse.StatusCode.ShouldBe(200);
        (await rig.Callee.NextAsync(SipMethods.Bye)).Headers.First(HeaderNames.Route).ShouldBeNull();
        (await rig.NextChangeAsync()).Session.State.ShouldBe(PeerSessionState.Ending);
        var ended = await rig.NextChangeAsync();
        ended.Outcome.ShouldBe(PeerSessionOutcome.Completed);
        rig.Sessions.Count.ShouldBe(0);
        rig.Sessions.Counts().Ended[PeerSessionOutcome.Completed].ShouldBe(1);
        rig.Sessions.Recent().Single().Session.CallId.ShouldBe(call.Invite.CallId);
    }

    [Fact]
    public async Task The_callee_may_end_the_session_too_and_the_bye_reaches_the_caller_through_the_proxy()
    {
        await using var rig = ProxyRig.InMemory();
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        var ok = await call.FinalAsync();
        await rig.Caller.AckAsync(call, ok);
        var invite = await rig.Callee.NextAsync(SipMethods.Invite);
        await rig.Callee.NextAsync(SipMethods.Ack);
        var answering = Task.Run(async () =>
        {
            var transaction = await rig.CallerLayer.Requests.ReadAsync();
            transaction.Respond(Coffer.Sip.Transactions.SipResponses.Create(transaction.Request, 200, "OK"));
            return transaction.Request;
        });

        (await rig.Callee.ByeAsync(invite, ProxyRig.ProxyAddress)).StatusCode.ShouldBe(200);

        var bye = await answering;
        bye.Method.ShouldBe(SipMethods.Bye);
        bye.Uri.ToString().ShouldBe(call.Invite.Contacts[0].Uri.ToString());
        bye.Headers.First(HeaderNames.Route).ShouldBeNull();
        (await rig.EndedAsync()).Outcome.ShouldBe(PeerSessionOutcome.Completed);
        rig.Sessions.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_request_routed_here_for_no_session_is_not_relayed_481()
    {
        await using var rig = ProxyRig.InMemory();
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        var ok = await call.FinalAsync();
        await rig.Caller.AckAsync(call, ok);
        await rig.Callee.NextAsync(SipMethods.Ack);
        (await rig.Caller.ByeAsync(call, ok)).StatusCode.ShouldBe(200);

        // The same dialog once more: its session is recycled, so the proxy relays nothing.
        (await rig.Caller.ByeAsync(call, ok)).StatusCode.ShouldBe(481);
        await rig.Callee.NextAsync(SipMethods.Bye);
        rig.Callee.Received.Reader.TryRead(out var more).ShouldBeFalse(more?.StartLine);
    }
}
