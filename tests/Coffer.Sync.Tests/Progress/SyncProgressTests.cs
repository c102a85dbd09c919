using Coffer.Storage;
using Coffer.Sync.Progress;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Progress;

/// <summary>
/// What the engine publishes for the administration's live view: per session, the items done of the total the device
/// announced (NumberOfChanges, OMA-TS-DS_Protocol-V1_2 §5.5), bytes both ways; then the session among the recent ones.
/// </summary>
public sealed class SyncProgressTests
{
    [Fact]
    public async Task A_session_shows_items_done_of_the_announced_total_and_then_its_outcome()
    {
        var options = new SyncServerOptions();
        var progress = new SyncProgress(TimeProvider.System, options);
        await using var host = new EngineHost(options, progress: progress);
        await host.CreateUserAsync("alice", "pw");
        var client = new DeviceClient(host, "alice", "pw");
        await client.InitAsync(AlertCode.SlowSync, null, "c1");
        var live = progress.Live().Single();
        (live.User, live.Device, live.Messages).ShouldBe(("alice", "IMEI:0001", 1));
        live.Datastores.Single().ShouldBe(new DatastoreProgress("card", "slow", 0, null, 0, null));

        // The first message of package 3 announces 3 changes and carries 2; the second carries the third.
        await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.Add("1", Cards.Card("One")).Add("2", Cards.Card("Two")), numberOfChanges: 3));
        live = progress.Live().Single();
        live.Datastores.Single().ShouldBe(new DatastoreProgress("card", "slow", 2, 3, 0, null));
        live.Messages.ShouldBe(2);
        var received = client.Exchanges.Sum(e => (long)e.Response.Body.Length);
        live.BytesSent.ShouldBe(received);

        await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.Add("3", Cards.Card("Three"))).Final());
        progress.Live().Single().Datastores.Single().FromClientDone.ShouldBe(3);
        progress.Live().Single().Datastores.Single().FromClientTotal.ShouldBe(3);
        progress.Recent().ShouldBeEmpty();

        await client.PullUntilFinalAsync();
        (await client.MapAndFinishAsync()).Reply.Body.Final.ShouldBeTrue();
        progress.Live().ShouldBeEmpty();
        var done = progress.Recent().Single();
        done.Outcome.ShouldBe("completed");
        done.Ended.ShouldNotBeNull();
        done.Datastores.Single().FromClientDone.ShouldBe(3);
        done.BytesReceived.ShouldBe(client.Exchanges.Sum(e => (long)SyncMLXml.ToUtf8Bytes(e.Request).Length));
        done.BytesSent.ShouldBe(client.Exchanges.Sum(e => (long)e.Response.Body.Length));
    }

    [Fact]
    public async Task An_account_disabled_during_its_session_is_refused_at_its_next_message_and_at_its_next_login()
    {
        var progress = new SyncProgress(TimeProvider.System, new SyncServerOptions());
        await using var host = new EngineHost(progress: progress);
        var alice = await host.CreateUserAsync("alice", "pw");
        var client = new DeviceClient(host, "alice", "pw");
        await client.InitAsync(AlertCode.SlowSync, null, "c1");
        await using (var uow = await host.Store.BeginAsync())
        {
            await uow.Users.SetDisabledAsync(alice.Id, true);
            await uow.CommitAsync();
        }

        var refused = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.Add("1", Cards.Card("One"))).Final());
        refused.StatusFor("0").Code.ShouldBe(StatusCode.Forbidden);
        refused.StatusFor("0").Items.Single().Data!.Text.ShouldBe("this account is disabled; ask the server's administrator");
        (await host.CountLiveAsync("alice", DatastoreKind.Contacts)).ShouldBe(0);
        progress.Live().ShouldBeEmpty();
        progress.Recent().Single().Outcome.ShouldBe("refused");

        var login = await host.SendAsync(new ClientMessage("IMEI:0001", "1", "2").BasicAuth("alice", "pw").Alert(AlertCode.SlowSync, "card", "./contacts", null, "c1").Final().Build(), null);
        login.CodeFor("0").ShouldBe(StatusCode.Forbidden);
        login.Reply.Header.RespURI.ShouldBeNull();
    }
}
