using System.Net;
using System.Text;
using Coffer.Server.Sip;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Presence;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Sip;

/// <summary>The presence query through the running server: SUBSCRIBE/NOTIFY (coffer-peers) over UDP and TCP.</summary>
public sealed class SipPresenceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_subscriber_hears_of_a_device_registering_and_unregistering_through_the_registrar()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "s3cret-pass");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;

        await using var watcherTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await using var watcher = new SipTransactionLayer(watcherTransport);
        var challenge = await SendAsync(watcher, Subscribe(watcherTransport, 1, 30, null), udp);
        challenge.StatusCode.ShouldBe(401);
        var ok = await SendAsync(watcher, Subscribe(watcherTransport, 2, 30, Authorize(challenge, "SUBSCRIBE")), udp);
        ok.StatusCode.ShouldBe(200);
        ok.Headers.First(HeaderNames.Expires).ShouldBe("30");
        var first = await NextNotifyAsync(watcher);
        first.Headers.First(HeaderNames.SubscriptionState).ShouldStartWith("active;expires=");
        PeerListXml.Parse(first.Body).Devices.ShouldBeEmpty();

        await using var phoneTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
        await using var phone = new SipTransactionLayer(phoneTransport);
        var registerChallenge = await SendAsync(phone, Register(phoneTransport, 1, 30, null), udp);
        (await SendAsync(phone, Register(phoneTransport, 2, 30, Authorize(registerChallenge, "REGISTER")), udp)).StatusCode.ShouldBe(200);
        var online = PeerListXml.Parse((await NextNotifyAsync(watcher)).Body);
        online.User.ShouldBe("alice");
        var device = online.Devices.ShouldHaveSingleItem();
        device.Id.ShouldBe("phone");
        device.Contact.ShouldBe($"sip:phone@{phoneTransport.LocalEndPoint}");
        device.Address.ShouldBe($"UDP {phoneTransport.LocalEndPoint}");

        (await SendAsync(phone, Register(phoneTransport, 3, 0, Authorize(registerChallenge, "REGISTER", nonceCount: 2)), udp)).StatusCode.ShouldBe(200);
        PeerListXml.Parse((await NextNotifyAsync(watcher)).Body).Devices.ShouldBeEmpty();

        var removed = await SendAsync(watcher, Subscribe(watcherTransport, 3, 0, Authorize(challenge, "SUBSCRIBE", nonceCount: 2), ok.To!.Tag), udp);
        removed.StatusCode.ShouldBe(200);
        (await NextNotifyAsync(watcher)).Headers.First(HeaderNames.SubscriptionState).ShouldBe("terminated;reason=timeout");
    }

    [Fact]
    public async Task A_fetch_over_tcp_gets_one_notify_on_the_same_connection_and_other_packages_get_489()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "s3cret-pass");
        var (_, tcp) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = new SipTransactionLayer(transport);

        var presence = await SendAsync(client, Subscribe(transport, 1, 0, null, package: "presence"), tcp);
        presence.StatusCode.ShouldBe(489);
        presence.Headers.First(HeaderNames.AllowEvents).ShouldBe(PeerListEvent.Package);

        var challenge = await SendAsync(client, Subscribe(transport, 2, 0, null), tcp);
        var ok = await SendAsync(client, Subscribe(transport, 3, 0, Authorize(challenge, "SUBSCRIBE")), tcp);
        ok.StatusCode.ShouldBe(200);
        var notify = await NextNotifyAsync(client);
        notify.Headers.First(HeaderNames.SubscriptionState).ShouldBe("terminated;reason=timeout");
        notify.TopVia!.Transport.ShouldBe("TCP");
        PeerListXml.Parse(notify.Body).Devices.ShouldBeEmpty();
        transport.ConnectionCount.ShouldBe(1, "the NOTIFY came on the connection the SUBSCRIBE opened");
    }

    private static string Authorize(SipResponse challenge, string method, uint nonceCount = 1) =>
        DigestClient.Authorize(challenge.Headers.Values(HeaderNames.WwwAuthenticate).First(), "alice", "s3cret-pass", method, "sip:alice@127.0.0.1", nonceCount)!;

    private static SipRequest Subscribe(ISipTransport transport, int cseq, int expires, string? authorization, string? toTag = null, string package = "coffer-peers") => Parse(
        $"SUBSCRIBE sip:alice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport.Protocol} {transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()};rport\r\n" +
        $"Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1;device=laptop>;tag=w1\r\nTo: <sip:alice@127.0.0.1>{(toTag is null ? "" : ";tag=" + toTag)}\r\n" +
        $"Call-ID: watch-1@127.0.0.1\r\nCSeq: {cseq} SUBSCRIBE\r\nContact: <sip:laptop@{transport.LocalEndPoint}>\r\nEvent: {package}\r\n" +
        $"Accept: {PeerListEvent.ContentType}\r\nExpires: {expires}\r\n" +
        (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n");

    private static SipRequest Register(UdpSipTransport transport, int cseq, int expires, string? authorization) => Parse(
        $"REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()};rport\r\n" +
        "From: <sip:alice@127.0.0.1>;tag=r1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: reg-phone@127.0.0.1\r\n" +
        $"CSeq: {cseq} REGISTER\r\nMax-Forwards: 70\r\nContact: <sip:phone@{transport.LocalEndPoint}>;expires={expires}\r\n" +
        (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n");

    private static Task<SipResponse> SendAsync(SipTransactionLayer layer, SipRequest request, IPEndPoint server) =>
        layer.Send(request, server).FinalResponse.WaitAsync(Wait);

    private static async Task<SipRequest> NextNotifyAsync(SipTransactionLayer layer)
    {
        var transaction = await layer.Requests.ReadAsync().AsTask().WaitAsync(Wait);
        transaction.Request.Method.ShouldBe(SipMethods.Notify);
        transaction.Request.Headers.First(HeaderNames.Event).ShouldBe(PeerListEvent.Package);
        transaction.Respond(SipResponses.Create(transaction.Request, 200, "OK"));
        return transaction.Request;
    }

    private static SipRequest Parse(string text) => (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(text));
}
