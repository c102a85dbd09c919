using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine;

/// <summary>
/// Interruptions at engine level: a resent message (lost reply), a server restart between two messages, and a
/// message that fails half-way. Each message is one storage transaction with its session state and its cached
/// reply, so none of these may apply anything twice or half.
/// </summary>
public sealed class InterruptionTests
{
    [Fact]
    public async Task Resent_message_gets_the_byte_identical_reply_and_is_applied_once()
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var message = client.Message()
            .Sync("card", "./contacts", s => s.Add("3", Cards.Card("Three")).Add("4", Cards.Card("Four")).Delete("1"))
            .Final()
            .Build();
        var bytes = SyncMLXml.ToUtf8Bytes(message);

        var first = await host.PostAsync(bytes, client.Token);
        var sequence = await host.SequenceAsync("alice");
        var stored = await host.ListAsync("alice", DatastoreKind.Contacts);

        // The device did not get the reply and sends the same message again (OMA-TS-DS_Protocol-V1_2: a client
        // repeats the message whose response was lost; MsgID identifies it within the session).
        var again = await host.PostAsync(bytes, client.Token);

        first.HttpStatus.ShouldBe(200);
        again.HttpStatus.ShouldBe(200);
        again.Body.ShouldBe(first.Body);
        again.ContentType.ShouldBe(first.ContentType);
        (await host.SequenceAsync("alice")).ShouldBe(sequence);
        (await host.ListAsync("alice", DatastoreKind.Contacts)).ShouldBe(stored);
        stored.Select(i => i.Text).ShouldMeanTheSameCardsAs([Cards.Card("Two"), Cards.Card("Three"), Cards.Card("Four")]);
    }

    [Fact]
    public async Task Resent_message_after_a_restart_still_gets_the_identical_reply()
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var bytes = SyncMLXml.ToUtf8Bytes(client.Message().Sync("card", "./contacts", s => s.Add("3", Cards.Card("Three"))).Final().Build());
        var first = await host.PostAsync(bytes, client.Token);

        await host.RestartAsync();
        var again = await host.PostAsync(bytes, client.Token);

        again.Body.ShouldBe(first.Body);
        (await host.CountLiveAsync("alice", DatastoreKind.Contacts)).ShouldBe(3);
    }

    [Fact]
    public async Task A_restarted_server_continues_the_session_between_messages()
    {
        await using var host = new EngineHost();
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        (await client.InitAsync(AlertCode.TwoWay, "c1", "c2")).CodeFor("1").ShouldBe(StatusCode.Ok);

        // New engine, new store object on the same DataDir: nothing of the session may live in memory.
        await host.RestartAsync();
        var changes = await client.SendAsync(client.Message().Sync("card", "./contacts", s => s.Replace("2", Cards.Card("Two v2")).Add("3", Cards.Card("Three"))).Final());
        changes.CodeFor("0").ShouldBe(StatusCode.Ok);
        var sync = changes.Request.Body.Commands.OfType<SyncCommand>().Single();
        changes.CodeFor(sync.CmdID!).ShouldBe(StatusCode.Ok);
        changes.CodeFor(sync.Commands[0].CmdID!).ShouldBe(StatusCode.Ok);
        changes.CodeFor(sync.Commands[1].CmdID!).ShouldBe(StatusCode.ItemAdded);
        changes.Reply.Body.Final.ShouldBeTrue();

        await host.RestartAsync();
        (await client.MapAndFinishAsync()).Reply.Body.Final.ShouldBeTrue();

        // The session completed across two restarts: its anchors were committed, so the next sync is a normal one.
        await host.RestartAsync();
        client.NewSession();
        (await client.InitAsync(AlertCode.TwoWay, "c2", "c3")).CodeFor("1").ShouldBe(StatusCode.Ok);
        (await host.ListAsync("alice", DatastoreKind.Contacts)).Select(i => i.Text)
            .ShouldMeanTheSameCardsAs([Cards.Card("One"), Cards.Card("Two v2"), Cards.Card("Three")]);
    }

    [Fact]
    public async Task A_message_that_throws_half_way_leaves_nothing_half_applied_and_can_be_resent()
    {
        var handler = new ScriptedContentHandler();
        await using var host = new EngineHost(handlers: () => new ContentHandlers([handler]));
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var before = await host.ListAsync("alice", DatastoreKind.Contacts);
        var sequence = await host.SequenceAsync("alice");

        // The Replace and the Delete reach the store before the failing item; the Add is batched.
        var message = client.Message()
            .Sync("card", "./contacts", s => s.Replace("2", Cards.Card("Two v2")).Delete("1").Add("3", Cards.Card("Three")).Add("4", Cards.Card("Boom")))
            .Final()
            .Build();
        var bytes = SyncMLXml.ToUtf8Bytes(message);
        handler.OnNormalize = data =>
        {
            if (data.Contains("Boom", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("disk on fire");
            }
        };

        await Should.ThrowAsync<InvalidOperationException>(() => host.PostAsync(bytes, client.Token));

        (await host.ListAsync("alice", DatastoreKind.Contacts)).ShouldBe(before);
        (await host.SequenceAsync("alice")).ShouldBe(sequence);

        // The device resends the message; nothing was cached, so it is applied now, completely and once.
        handler.OnNormalize = null;
        var response = await host.PostAsync(bytes, client.Token);
        response.HttpStatus.ShouldBe(200);
        var reply = SyncMLXml.Parse(response.Body);
        reply.Body.Commands.OfType<StatusCommand>().Where(s => s.Cmd is "Add" or "Replace" or "Delete").Select(s => s.Code)
            .ShouldBe([StatusCode.Ok, StatusCode.Ok, StatusCode.ItemAdded, StatusCode.ItemAdded]);
        (await host.ListAsync("alice", DatastoreKind.Contacts)).Select(i => i.Text)
            .ShouldBe([Cards.Card("Two v2"), Cards.Card("Three"), Cards.Card("Boom")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_message_cancelled_half_way_leaves_nothing_applied()
    {
        var handler = new ScriptedContentHandler();
        await using var host = new EngineHost(handlers: () => new ContentHandlers([handler]));
        var (client, _) = await BadInputTests.SeededAsync(host);
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "c1", "c2");
        var before = await host.ListAsync("alice", DatastoreKind.Contacts);
        var bytes = SyncMLXml.ToUtf8Bytes(client.Message()
            .Sync("card", "./contacts", s => s.Delete("1").Add("3", Cards.Card("Three")).Add("4", Cards.Card("Stop")).Add("5", Cards.Card("Five")))
            .Final()
            .Build());
        using var cts = new CancellationTokenSource();
        handler.OnNormalize = data =>
        {
            if (data.Contains("Stop", StringComparison.Ordinal))
            {
                // The request is aborted (client gone, server shutting down) while the message is being applied.
                cts.Cancel();
            }
        };

        await Should.ThrowAsync<OperationCanceledException>(() => host.PostAsync(bytes, client.Token, SyncEngine.XmlContentType, cts.Token));

        (await host.ListAsync("alice", DatastoreKind.Contacts)).ShouldBe(before);
        handler.OnNormalize = null;
        var retry = await host.PostAsync(bytes, client.Token);
        retry.HttpStatus.ShouldBe(200);
        (await host.ListAsync("alice", DatastoreKind.Contacts)).Count.ShouldBe(4);
        Encoding.UTF8.GetString(retry.Body).ShouldContain("<Final");
    }
}
