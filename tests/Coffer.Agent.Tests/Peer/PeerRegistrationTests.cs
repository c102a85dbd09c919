using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Agent.Peer.Sip;
using Coffer.Server.Sip;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests.Peer;

/// <summary>The agent's registration with the running server's SIP control server (seed 003 steps 1–5).</summary>
public sealed class PeerRegistrationTests
{
    [Fact]
    public async Task The_agent_registers_with_digest_is_listed_online_and_goes_offline_when_it_stops()
    {
        await using var server = await TestServer.StartAsync();
        await server.AddUserAsync("alice", "alice-pw");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
        await using var layer = new SipTransactionLayer(transport);
        var registration = new PeerRegistration(layer, udp, "alice", "alice-pw", "phone-3");

        (await registration.RegisterAsync(TimeSpan.FromSeconds(3600), CancellationToken.None)).ShouldBe(TimeSpan.FromSeconds(60), "the server's maximum");
        var online = await PeersAsync(server);
        online.ShouldHaveSingleItem().ShouldBe(("phone-3", $"UDP {transport.LocalEndPoint}"));

        using var stop = new CancellationTokenSource();
        var running = registration.RunAsync(TimeSpan.FromSeconds(60), _ => { }, stop.Token);
        await stop.CancelAsync();
        await running;
        (await PeersAsync(server)).ShouldBeEmpty("stopping un-registers");

        var wrong = new PeerRegistration(layer, udp, "alice", "not-her-password", "phone-3");
        (await Should.ThrowAsync<PeerSipException>(() => wrong.RegisterAsync(TimeSpan.FromSeconds(60), CancellationToken.None))).Status.ShouldBe(401);
    }

    private static async Task<List<(string?, string?)>> PeersAsync(TestServer server)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.SyncUrl, "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice-pw")));
        using var json = JsonDocument.Parse(await http.GetStringAsync("api/peers"));
        return json.RootElement.EnumerateArray().Select(p => (p.GetProperty("device").GetString(), p.GetProperty("address").GetString())).ToList();
    }
}
