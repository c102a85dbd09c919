using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Server.Sip;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Proxy;
using Coffer.Sip.Session;
using Coffer.Sip.Tests.Proxy;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Sip;

/// <summary>The SIP control server in the running host: REGISTER over UDP and TCP, bindings in the store, presence over the API.</summary>
public sealed class SipServerTests
{
    [Fact]
    public async Task A_device_registers_over_udp_with_digest_and_is_listed_online_to_its_user_and_the_administrator()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "s3cret-pass");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = new SipTransactionLayer(transport);

        var challenge = await RegisterAsync(client, transport, udp, 1, null);
        challenge.StatusCode.ShouldBe(401);
        var authorization = DigestClient.Authorize(challenge.Headers.Values(HeaderNames.WwwAuthenticate).First(), "alice", "s3cret-pass", "REGISTER", "sip:127.0.0.1");
        var ok = await RegisterAsync(client, transport, udp, 2, authorization);
        ok.StatusCode.ShouldBe(200);
        ok.Headers.Values(HeaderNames.Contact).ShouldBe([$"<sip:phone@{transport.LocalEndPoint}>;expires=30"]);

        // coffer_sip_request_duration: each REGISTER counted once with its final response's class.
        var duration = (await server.ScrapeAsync())["coffer_sip_request_duration_seconds"];
        duration.Type.ShouldBe("histogram");
        duration.Samples.Where(s => s.Name == "coffer_sip_request_duration_seconds_count")
            .Select(s => (s.Labels["method"], s.Labels["status"], s.Value)).Order()
            .ShouldBe([("REGISTER", "2xx", 1), ("REGISTER", "4xx", 1)]);

        using var peers = await GetJsonAsync(server, "/api/peers", "alice", "s3cret-pass");
        var peer = peers.RootElement.EnumerateArray().ShouldHaveSingleItem();
        peer.GetProperty("device").GetString().ShouldBe("phone");
        peer.GetProperty("address").GetString().ShouldBe($"UDP {transport.LocalEndPoint}");

        await server.AddUserAsync("root", "r00t-pass");
        await using (var uow = await server.Store.BeginAsync())
        {
            await uow.Users.SetAdminAsync((await uow.Users.FindByNameAsync("root"))!.Id, true);
            await uow.CommitAsync();
        }

        using var all = await GetJsonAsync(server, "/api/admin/sip/bindings", "root", "r00t-pass");
        all.RootElement.EnumerateArray().Select(b => (b.GetProperty("user").GetString(), b.GetProperty("device").GetString())).ShouldBe([("alice", "phone")]);
    }

    [Fact]
    public async Task Tcp_carries_requests_too_and_unserved_methods_get_405_with_allow()
    {
        await using var server = await RunningServer.StartAsync();
        var (_, tcp) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = new SipTransactionLayer(transport);
        var request = Parse(
            $"MESSAGE sip:alice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP {transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()}\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=f1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: msg1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        var response = await client.Send(request, tcp).FinalResponse.WaitAsync(TimeSpan.FromSeconds(30));
        response.StatusCode.ShouldBe(405);
        response.Headers.Values(HeaderNames.Allow).ShouldBe(["REGISTER", "OPTIONS", "INVITE", "ACK", "BYE", "CANCEL", "SUBSCRIBE"]);

        // coffer_sip_bytes: what the client wrote on the stream the server read, and the other way round.
        var traffic = server.App.Services.GetRequiredService<Coffer.Server.Metrics.TrafficMetrics>();
        traffic.SipTcp.Received.ShouldBe(transport.Traffic.Sent);
        traffic.SipTcp.Sent.ShouldBe(transport.Traffic.Received);
        transport.Traffic.Received.ShouldBeGreaterThan(0);
    }

    /// <summary>Seed 003 steps 11–23 through the running server: the callee found by its registration in the store.</summary>
    [Fact]
    public async Task An_invite_reaches_the_registered_device_through_the_proxy_and_its_bye_frees_the_session()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "s3cret-pass");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        var sessions = server.App.Services.GetRequiredService<PeerSessionTable>();

        await using var calleeTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
        await using var calleeLayer = new SipTransactionLayer(calleeTransport);
        var challenge = await RegisterAsync(calleeLayer, calleeTransport, udp, 1, null);
        var authorization = DigestClient.Authorize(challenge.Headers.Values(HeaderNames.WwwAuthenticate).First(), "alice", "s3cret-pass", "REGISTER", "sip:127.0.0.1");
        (await RegisterAsync(calleeLayer, calleeTransport, udp, 2, authorization)).StatusCode.ShouldBe(200);
        await using var callee = new CalleeAgent(calleeLayer, CalleeMode.Answer);

        await using var callerTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await using var callerLayer = new SipTransactionLayer(callerTransport);
        var caller = new CallerAgent(callerLayer, udp, "alice", "s3cret-pass", "laptop");
        var offer = caller.Offer();
        var call = await caller.InviteAsync(caller.Target("alice", "phone"), offer);
        call.Challenge.ShouldNotBeNull().StatusCode.ShouldBe(407);
        (await call.NextAsync()).StatusCode.ShouldBe(180);
        var ok = await call.NextAsync();
        ok.StatusCode.ShouldBe(200);
        SessionDescriptionBody.Read(ok).ShouldNotBeNull().Destination.ShouldBe(callee.Listening);

        var forwarded = await callee.NextAsync(SipMethods.Invite);
        forwarded.Headers.Values(HeaderNames.RecordRoute).Single().ShouldContain(";lr");
        SessionDescriptionBody.Read(forwarded).ShouldBe(offer);
        sessions.Snapshot().ShouldHaveSingleItem().CalleeDevice.ShouldBe("phone");
        await server.AddUserAsync("root", "r00t-pass");
        await using (var uow = await server.Store.BeginAsync())
        {
            await uow.Users.SetAdminAsync((await uow.Users.FindByNameAsync("root"))!.Id, true);
            await uow.CommitAsync();
        }

        using (var during = await GetJsonAsync(server, "/api/admin/sip/sessions", "root", "r00t-pass"))
        {
            var active = during.RootElement.GetProperty("active").EnumerateArray().ShouldHaveSingleItem();
            active.GetProperty("calleeDevice").GetString().ShouldBe("phone");
            active.GetProperty("callerDevice").GetString().ShouldBe("laptop");
            active.GetProperty("dataType").GetString().ShouldBe("Contacts");
        }

        await caller.AckAsync(call, ok);
        await callee.NextAsync(SipMethods.Ack);
        (await caller.ByeAsync(call, ok)).StatusCode.ShouldBe(200);
        await callee.NextAsync(SipMethods.Bye);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sessions.Count > 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "BYE recycles the session");
            await Task.Delay(50);
        }

        using var after = await GetJsonAsync(server, "/api/admin/sip/sessions", "root", "r00t-pass");
        after.RootElement.GetProperty("active").GetArrayLength().ShouldBe(0);
        after.RootElement.GetProperty("recent").EnumerateArray().ShouldHaveSingleItem().GetProperty("outcome").GetString().ShouldBe("Completed");
    }

    /// <summary>Nobody registered as the device: 404 (seed 003: the peer is offline).</summary>
    [Fact]
    public async Task An_invite_to_a_device_that_is_not_online_gets_404()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "s3cret-pass");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        await using var callerTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        await using var callerLayer = new SipTransactionLayer(callerTransport);
        var caller = new CallerAgent(callerLayer, udp, "alice", "s3cret-pass", "laptop");
        var call = await caller.InviteAsync(caller.Target("alice", "phone"), caller.Offer());
        (await call.FinalAsync()).StatusCode.ShouldBe(404);
    }

    private static Task<SipResponse> RegisterAsync(SipTransactionLayer client, UdpSipTransport transport, IPEndPoint server, int cseq, string? authorization) =>
        client.Send(Parse(
            "REGISTER sip:127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()};rport\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=f1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: reg1@127.0.0.1\r\n" +
            $"CSeq: {cseq} REGISTER\r\nMax-Forwards: 70\r\nContact: <sip:phone@{transport.LocalEndPoint}>;expires=30\r\n" +
            (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n"), server).FinalResponse.WaitAsync(TimeSpan.FromSeconds(30));

    private static SipRequest Parse(string text) => (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(text));

    private static async Task<JsonDocument> GetJsonAsync(RunningServer server, string path, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await server.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
