using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Sync.Tests.Engine;

/// <summary>A message whose transaction the database cut off is handled again, and answered as if nothing happened.</summary>
public sealed class TransientFailureTests
{
    [Fact]
    public async Task A_message_the_database_failed_transiently_is_handled_again_and_stored_once()
    {
        await using var host = new EngineHost();
        await host.CreateUserAsync("alice", "pw");
        var flaky = new FlakyStore(host.Store);
        var engine = new SyncEngine(flaky, ContentHandlers.CreateDefault(), new SyncServerOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance);

        var init = await SendAsync(engine, new ClientMessage("IMEI:1", "1").BasicAuth("alice", "pw").Alert(AlertCode.SlowSync, "card", "./contacts", null, "a1").Final().Build(), null);
        flaky.FailuresLeft = 2;
        var token = EngineHost.TokenOf(init);
        var changes = await SendAsync(
            engine,
            new ClientMessage("IMEI:1", "2").To(init.Header.RespURI!).Acknowledge(init)
                .Sync("card", "./contacts", s => s.Add("1", Cards.Card("One")).Add("2", Cards.Card("Two"))).Final().Build(),
            token);

        flaky.Failed.ShouldBe(2);
        changes.Body.Final.ShouldBeTrue();
        changes.Body.Commands.OfType<StatusCommand>().Where(s => s.Cmd == "Add").ShouldAllBe(s => s.Code == StatusCode.ItemAdded);
        (await host.CountLiveAsync("alice", DatastoreKind.Contacts)).ShouldBe(2);
    }

    [Fact]
    public async Task A_database_that_keeps_failing_fails_the_message_after_the_last_attempt()
    {
        await using var host = new EngineHost();
        await host.CreateUserAsync("alice", "pw");
        var flaky = new FlakyStore(host.Store) { FailuresLeft = 100 };
        var engine = new SyncEngine(flaky, ContentHandlers.CreateDefault(), new SyncServerOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance);
        var message = new ClientMessage("IMEI:1", "1").BasicAuth("alice", "pw").Alert(AlertCode.SlowSync, "card", "./contacts", null, "a1").Final().Build();

        await Should.ThrowAsync<FlakyStore.FailoverException>(() => SendAsync(engine, message, null));
        flaky.Failed.ShouldBe(SyncEngine.TransientAttempts);
    }

    private static async Task<SyncMLMessage> SendAsync(SyncEngine engine, SyncMLMessage message, string? token)
    {
        var response = await engine.HandleAsync(new SyncRequest(SyncMLXml.ToUtf8Bytes(message), SyncEngine.XmlContentType, token, EngineHost.Endpoint, "127.0.0.1"));
        response.HttpStatus.ShouldBe(200);
        return SyncMLXml.Parse(response.Body);
    }
}
