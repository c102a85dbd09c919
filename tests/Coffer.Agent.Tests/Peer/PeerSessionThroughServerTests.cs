using System.Net;
using System.Security.Cryptography;
using Coffer.Agent.Peer;
using Coffer.Agent.Peer.Sip;
using Coffer.Server.Sip;
using Coffer.Sip.Proxy;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests.Peer;

/// <summary>
/// Seed 003 end to end with the running server as the control server: agent A (127.0.0.2) registers and waits; agent
/// B (127.0.0.3) invites it through the server for contacts; A starts its SyncML server and answers where it listens;
/// B syncs with A directly; B's BYE frees the server's session state.
/// </summary>
public sealed class PeerSessionThroughServerTests
{
    [Fact]
    public async Task Two_agents_set_up_a_session_through_the_control_server_and_sync_contacts_directly()
    {
        await using var server = await TestServer.StartAsync();
        await server.AddUserAsync("alice", "alice-pw");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        var sessions = server.App.Services.GetRequiredService<PeerSessionTable>();
        using var pair = new PeerPair();
        PimSamples.Write(pair.Invited.DataDir, "contacts", "c1.vcf", PimSamples.Contact(1));
        PimSamples.Write(pair.Inviting.DataDir, "contacts", "c2.vcf", PimSamples.Contact(2));

        // Agent A: registered from 127.0.0.2, serving invitations for contacts.
        await using var aTransport = new UdpSipTransport(new IPEndPoint(PeerPair.ServerAddress, 0));
        await using var aLayer = new SipTransactionLayer(aTransport);
        await new PeerRegistration(aLayer, udp, "alice", "alice-pw", pair.Invited.DeviceId).RegisterAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        PeerSyncSession? served = null;
        var callee = new PeerCallee(aLayer, pair.Invited.DeviceId, offer => offer.Protocol == PeerSyncProtocol.SyncML, async (invitation, ct) =>
        {
            served = await new PeerSyncServer(pair.Invited).StartAsync(new IPEndPoint(PeerPair.ServerAddress, 0), "contacts", invitation.Offer.Secret!, invitation.Offer.Source.Address, null, ct);
            return new IPEndPoint(PeerPair.ServerAddress, served.Url.Port);
        });
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.Ended += callId => ended.TrySetResult(callId);
        using var stop = new CancellationTokenSource();
        var serving = callee.RunAsync(stop.Token);

        // Agent B: invites A through the server, then syncs with it directly.
        await using var bTransport = new UdpSipTransport(new IPEndPoint(PeerPair.ClientAddress, 0));
        await using var bLayer = new SipTransactionLayer(bTransport);
        var call = new PeerCall(bLayer, udp, "alice", "alice-pw", pair.Inviting.DeviceId);
        var secret = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var answer = await call.InviteAsync(pair.Invited.DeviceId, new SessionDescription(bTransport.LocalEndPoint, PeerDataType.Contacts, PeerSyncProtocol.SyncML, Secret: secret), CancellationToken.None);
        answer.Destination.ShouldNotBeNull();
        sessions.Snapshot().ShouldHaveSingleItem().CalleeDevice.ShouldBe(pair.Invited.DeviceId);

        var result = await pair.SyncAsync(new Uri($"http://{answer.Destination}/sync"), secret);
        result.Completed.ShouldBeTrue();
        (await served!.Completion).Completed.ShouldBeTrue();
        string[] both = ["Jürgen Sample001", "Jürgen Sample002"];
        PeerPair.Names(pair.InvitedContacts).ShouldBe(both);
        PeerPair.Names(pair.InvitingContacts).ShouldBe(both);

        (await call.ByeAsync(CancellationToken.None)).ShouldBe(200);
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sessions.Count > 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the BYE frees the server's session state");
            await Task.Delay(50);
        }

        await served.DisposeAsync();
        await stop.CancelAsync();
        await serving;
    }
}
