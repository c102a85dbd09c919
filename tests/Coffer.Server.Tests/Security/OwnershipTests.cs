using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 6: a message acts on its own user's items only, and means one thing.</summary>
[Collection(SecuritySuite.Name)]
public sealed class OwnershipTests
{
    [Fact]
    public async Task MapOwnership_MapItemNamingAnotherUsersGuid_Gets404AndIsNotStored()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        await server.AddUserAsync("bob", "bobsecret");
        var bob = new SecurityClient(server.Client, "bob-phone", "bob", "bobsecret");
        await bob.SyncAsync(AlertCode.SlowSync, SyncMessages.Add("B1", SyncMessages.VCard("Bob Private")));
        var bobsItems = await server.ContactsAsync("bob");
        var bobsGuid = bobsItems.Keys.ShouldHaveSingleItem();

        var alice = new SecurityClient(server.Client, "alice-phone", "alice", "secret");
        (await alice.LoginAsync(AlertCode.SlowSync)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var m = alice.NewMessage();
        m.Body.Commands.Add(SyncMessages.Sync());
        var end = await alice.FinishAsync(await alice.SendAsync(m), SyncMessages.Map(("X1", bobsGuid)));

        // OMA-TS-SyncML_RepPro-V1_2 §10: 404, the server id names no item of alice's datastore.
        end.StatusesOf("Map").ShouldHaveSingleItem(end.Text).Code.ShouldBe(StatusCode.NotFound);
        (await server.MappedGuidAsync("alice", "alice-phone", "X1")).ShouldBeNull();

        // A two-way sync (the map survives it) replacing the LUID must not reach bob's item.
        (await alice.LoginAsync(AlertCode.TwoWay)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var replace = alice.NewMessage();
        replace.Body.Commands.Add(SyncMessages.Sync(SyncMessages.Replace("X1", SyncMessages.VCard("Hijacked By Alice"))));
        await alice.FinishAsync(await alice.SendAsync(replace));
        (await server.ContactsAsync("bob")).ShouldBe(bobsItems);
    }

    [Fact]
    public async Task DuplicateCmdIds_TwoCommandsWithOneCmdId_Get400AndNothingApplied()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var first = SyncMessages.Add("L1", SyncMessages.VCard("First Contact"));
        var second = SyncMessages.Add("L2", SyncMessages.VCard("Second Contact"));
        first.CmdID = "7";
        second.CmdID = "7";
        var m = phone.NewMessage();
        m.Body.Commands.Add(SyncMessages.Sync(first, second));

        var reply = await phone.SendAsync(m);

        // OMA-TS-SyncML_RepPro-V1_2 §6.6.4 (CmdID unique within a message): a Status could not say which Add it answers.
        reply.HeaderStatus.Code.ShouldBe(StatusCode.BadRequest, reply.Text);
        (await server.ContactsAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task DuplicateItemIds_TwoAddsWithTheSameLuidInOneMessage_CreateOneItem()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");

        await phone.SyncAsync(
            AlertCode.SlowSync,
            SyncMessages.Add("L1", SyncMessages.VCard("Twice Sent")),
            SyncMessages.Add("L1", SyncMessages.VCard("Twice Sent Again")));

        (await server.ContactsAsync("alice")).Count.ShouldBe(1);
    }
}
