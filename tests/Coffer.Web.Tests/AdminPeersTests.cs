using System.Net;
using Coffer.Sip.Proxy;
using Coffer.Sip.Session;
using Coffer.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>
/// /admin/peers in the browser: the devices registered with the SIP control server (as the registrar stores them) and
/// the peer sessions of this node's proxy table, active and ended. The SIP exchanges that fill both are tested in
/// tests/Coffer.Server.Tests/Sip and tests/Coffer.Interop.Tests/Sip; here the page shows what the store and the table hold.
/// </summary>
public sealed class AdminPeersTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task An_administrator_sees_registered_devices_and_peer_sessions_and_a_user_may_not()
    {
        await using var server = await WebServer.StartAsync();
        await server.AddAdminAsync("root", "admin pw");
        var alice = await server.AddUserAsync("alice", "alice pw");
        var now = server.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var uow = await server.Store.BeginAsync())
        {
            await uow.SipBindings.PutAsync(new StoredSipBinding(alice.Id, "alice", "phone", "sip:phone@127.0.0.3:5062", "UDP 127.0.0.3:5062", now.AddSeconds(50), "reg1", 2, "node-a"));
            await uow.SipBindings.PutAsync(new StoredSipBinding(alice.Id, "alice", "old-phone", "sip:old-phone@127.0.0.4:5062", "UDP 127.0.0.4:5062", now.AddSeconds(-5), "reg2", 2, "node-a"));
            await uow.CommitAsync();
        }

        var sessions = server.App.Services.GetRequiredService<PeerSessionTable>();
        var offer = new SessionDescription(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 40000), PeerDataType.Contacts, PeerSyncProtocol.SyncML);
        sessions.TryBegin(new PeerSession("call-1", "alice", "laptop", "alice", "phone", now, PeerSessionState.Established, offer)).ShouldBeTrue();
        sessions.TryBegin(new PeerSession("call-2", "alice", "laptop", "alice", "tablet", now, PeerSessionState.Inviting, offer with { DataType = PeerDataType.Files, Protocol = PeerSyncProtocol.Rsync })).ShouldBeTrue();
        sessions.End("call-2", PeerSessionOutcome.Failed, 486);

        var page = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(page, "root", "admin pw");
        await page.GotoAsync("/admin/peers");
        var bindings = await page.Locator("#bindings tbody tr").AllInnerTextsAsync();
        bindings.ShouldHaveSingleItem().ShouldContain("UDP 127.0.0.3:5062", customMessage: "an expired binding is not listed");
        (await page.Locator("#active-sessions tbody tr").InnerTextAsync()).ShouldContain("Established");
        var ended = await page.Locator("#recent-sessions tbody tr").InnerTextAsync();
        ended.ShouldContain("tablet");
        ended.ShouldContain("Failed");
        ended.ShouldContain("486");
        await Screenshots.TakeAsync(page, "admin-peers");

        var user = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(user, "alice", "alice pw");
        var response = await user.GotoAsync("/admin/peers");
        (await user.Locator("#bindings").CountAsync()).ShouldBe(0, $"a user who is no administrator is refused ({response?.Status})");
    }
}
