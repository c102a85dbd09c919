using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Proxy;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>The proxy's error paths: offline, busy, no answer, cancelled, too many hops, wrong caller.</summary>
public class ProxyErrorTests
{
    public static TheoryData<string> Networks => new("memory", "udp");

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_device_without_a_binding_is_offline_404(string network)
    {
        await using var rig = ProxyRig.Create(network);
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, "tablet"), rig.Caller.Offer());
        (await call.FinalAsync()).StatusCode.ShouldBe(404);
        rig.Sessions.Count.ShouldBe(0);
        rig.Sessions.Counts().Started.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_busy_callee_486_is_relayed_and_the_session_ends_failed(string network)
    {
        await using var rig = ProxyRig.Create(network, CalleeMode.Busy);
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        var final = await call.FinalAsync();
        final.StatusCode.ShouldBe(486);
        final.Vias.Count.ShouldBe(1);
        await rig.Callee.NextAsync(SipMethods.Invite);
        var ended = await rig.EndedAsync();
        ended.Outcome.ShouldBe(PeerSessionOutcome.Failed);
        ended.Status.ShouldBe(486);
        rig.Sessions.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_device_already_in_a_session_gets_486_from_the_proxy()
    {
        await using var rig = ProxyRig.InMemory();
        var first = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        var ok = await first.FinalAsync();
        ok.StatusCode.ShouldBe(200);
        await rig.Caller.AckAsync(first, ok);
        await rig.Callee.NextAsync(SipMethods.Invite);
        await rig.Callee.NextAsync(SipMethods.Ack);

        var second = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        var busy = await second.FinalAsync();
        busy.StatusCode.ShouldBe(486);
        rig.Sessions.Count.ShouldBe(1);
        (await rig.Caller.ByeAsync(first, ok)).StatusCode.ShouldBe(200);
        // The callee saw the first INVITE, its ACK and the BYE; the second INVITE never reached it.
        (await rig.Callee.NextAsync(SipMethods.Bye)).CallId.ShouldBe(first.Invite.CallId);
        rig.Callee.Received.Reader.TryRead(out var more).ShouldBeFalse(more?.StartLine);
        rig.Sessions.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_callee_that_rings_but_never_answers_is_cancelled_by_timer_C_and_the_caller_gets_408()
    {
        await using var rig = ProxyRig.InMemory(CalleeMode.Ring);
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        (await call.NextAsync()).StatusCode.ShouldBe(180);
        await rig.SettleAsync();

        (await rig.AdvanceUntilAsync(call.Transaction.FinalResponse, TimeSpan.FromSeconds(1))).StatusCode.ShouldBe(408);
        await rig.Callee.NextAsync(SipMethods.Cancel);
        var ended = await rig.EndedAsync();
        ended.Outcome.ShouldBe(PeerSessionOutcome.TimedOut);
        rig.Sessions.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_callee_that_never_answers_at_all_times_out_408()
    {
        await using var rig = ProxyRig.InMemory();
        // A binding whose address nobody listens on any more: the forwarded INVITE goes unanswered (timer B).
        rig.Targets.Add(ProxyRig.User, ProxyRig.CalleeDevice, new IPEndPoint(IPAddress.Parse("10.0.0.9"), 5060));
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        (await rig.NextChangeAsync()).Session.State.ShouldBe(PeerSessionState.Inviting);
        await rig.SettleAsync();

        var final = await rig.AdvanceUntilAsync(call.Transaction.FinalResponse, TimeSpan.FromMilliseconds(500));
        final.StatusCode.ShouldBe(408);
        final.To!.Tag.ShouldNotBeNull();
        (await rig.EndedAsync()).Outcome.ShouldBe(PeerSessionOutcome.TimedOut);
        rig.Sessions.Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task A_cancel_gets_200_and_the_invite_487_relayed(string network)
    {
        await using var rig = ProxyRig.Create(network, CalleeMode.Ring);
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        (await call.NextAsync()).StatusCode.ShouldBe(180);

        (await rig.Caller.CancelAsync(call)).StatusCode.ShouldBe(200);

        (await call.FinalAsync()).StatusCode.ShouldBe(487);
        var cancel = await rig.Callee.NextAsync(SipMethods.Cancel);
        cancel.CSeq!.Number.ShouldBe(call.Invite.CSeq!.Number);
        (await rig.EndedAsync()).Outcome.ShouldBe(PeerSessionOutcome.Cancelled);
        rig.Sessions.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_cancel_for_no_pending_invite_gets_481()
    {
        await using var rig = ProxyRig.InMemory(CalleeMode.Busy);
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer());
        (await call.FinalAsync()).StatusCode.ShouldBe(486);
        (await rig.Caller.CancelAsync(call)).StatusCode.ShouldBe(481);
    }

    [Fact]
    public async Task An_invite_with_max_forwards_zero_gets_483_before_any_challenge()
    {
        await using var rig = ProxyRig.InMemory();
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer(), maxForwards: 0);
        call.Challenge.ShouldBeNull();
        (await call.FinalAsync()).StatusCode.ShouldBe(483);
        rig.Callee.Received.Reader.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_rfc4475_zeromf_request_gets_483_from_the_proxy()
    {
        await using var rig = ProxyRig.InMemory();
        var request = (SipRequest)new SipMessageParser().Parse(GoldenFiles.Read("rfc4475", "zeromf.dat"));
        var response = await rig.CallerLayer.Send(request, ProxyRig.ProxyAddress).FinalResponse;
        response.StatusCode.ShouldBe(483);
    }

    [Fact]
    public async Task A_wrong_password_is_challenged_again_and_nothing_is_forwarded()
    {
        await using var rig = ProxyRig.InMemory();
        var caller = new CallerAgent(rig.CallerLayer, ProxyRig.ProxyAddress, ProxyRig.User, "wrong", ProxyRig.CallerDevice);
        var call = await caller.InviteAsync(caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), caller.Offer());
        (await call.FinalAsync()).StatusCode.ShouldBe(407);
        rig.Callee.Received.Reader.TryRead(out _).ShouldBeFalse();
        rig.Sessions.Counts().Started.ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_whose_from_is_not_its_account_gets_403()
    {
        await using var rig = ProxyRig.InMemory();
        var call = await rig.Caller.InviteAsync(rig.Caller.Target(ProxyRig.User, ProxyRig.CalleeDevice), rig.Caller.Offer(), fromUser: "mallory");
        (await call.FinalAsync()).StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task Another_account_s_device_cannot_be_invited_403()
    {
        await using var rig = ProxyRig.InMemory();
        rig.Targets.Add("bob", "phone", ProxyRig.CalleeAddress);
        var call = await rig.Caller.InviteAsync(rig.Caller.Target("bob", "phone"), rig.Caller.Offer());
        (await call.FinalAsync()).StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task A_register_sent_to_the_proxy_alone_gets_405()
    {
        await using var rig = ProxyRig.InMemory();
        var register = Transport.TransportTestMessages.Register("UDP", ProxyRig.CallerAddress.ToString(), SipTransactionLayer.NewBranch());
        var response = await rig.CallerLayer.Send(register, ProxyRig.ProxyAddress).FinalResponse;
        response.StatusCode.ShouldBe(405);
        response.Headers.First(HeaderNames.Allow).ShouldNotBeNull();
    }
}
