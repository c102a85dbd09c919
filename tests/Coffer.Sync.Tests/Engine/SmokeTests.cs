using Coffer.Storage;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine;

public sealed class SmokeTests
{
    [Fact]
    public async Task Slow_sync_of_two_cards_stores_both_and_ends_with_final()
    {
        await using var host = new EngineHost();
        await host.CreateUserAsync("alice", "pw");
        var init = await host.SendAsync(
            new ClientMessage("IMEI:1", "1").BasicAuth("alice", "pw").Alert(AlertCode.SlowSync, "card", "./contacts", null, "a1").Final().Build(), null);
        init.CodeFor("0").ShouldBe(StatusCode.AuthenticationAccepted);
        var token = EngineHost.TokenOf(init.Reply);
        var changes = await host.SendAsync(
            new ClientMessage("IMEI:1", "2").To(init.Reply.Header.RespURI!).Acknowledge(init.Reply)
                .Sync("card", "./contacts", s => s.Add("1", Cards.Card("One")).Add("2", Cards.Card("Two"))).Final().Build(),
            token);
        changes.Reply.Body.Final.ShouldBeTrue();
        (await host.CountLiveAsync("alice", DatastoreKind.Contacts)).ShouldBe(2);
    }
}
