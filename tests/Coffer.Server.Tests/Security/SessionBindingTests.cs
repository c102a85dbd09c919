using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 4: a session belongs to the device and user that opened it; its token is a secret.</summary>
[Collection(SecuritySuite.Name)]
public sealed class SessionBindingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SessionHijack_BobPostsToAlicesRespUri_IsRefusedAndSeesNothingOfHers(bool withBobsCredentials)
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        await server.AddUserAsync("bob", "bobsecret");
        var alice = new SecurityClient(server.Client, "alice-phone", "alice", "secret");
        await alice.SyncAsync(
            AlertCode.SlowSync,
            SyncMessages.Add("A1", SyncMessages.VCard("Alice Secret One")),
            SyncMessages.Add("A2", SyncMessages.VCard("Alice Secret Two")));
        var before = await server.ContactsAsync("alice");
        (await alice.LoginAsync(AlertCode.SlowSync)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);

        var bob = new SecurityClient(server.Client, "bob-phone", "bob", "bobsecret");
        bob.StartSession();
        var m = bob.NewMessage(withBobsCredentials ? bob.BasicCred : null);
        m.Header.MsgID = "2";
        m.Body.Commands.Add(SyncMessages.Sync(SyncMessages.Add("B1", SyncMessages.VCard("Mallory Intruder"))));
        var reply = await bob.SendAsync(m, alice.RespUri);

        // The reply to a slow sync's package 3 would carry all of alice's contacts (package 4).
        reply.HeaderStatus.Code.ShouldBeOneOf(StatusCode.InvalidCredentials, StatusCode.Forbidden);
        reply.Text.ShouldNotContain("Alice Secret");
        (await server.ContactsAsync("alice")).ShouldBe(before);
        (await server.ContactsAsync("bob")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SessionHijack_AlicesDeviceIdWithAWrongPasswordOnHerToken_Gets401()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var alice = new SecurityClient(server.Client, "alice-phone", "alice", "secret");
        (await alice.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);

        var forger = new SecurityClient(server.Client, "alice-phone", "alice", "not-her-password");
        forger.StartSession();
        var m = forger.NewMessage(forger.BasicCred);
        m.Header.SessionID = "1";
        m.Header.MsgID = "2";
        m.Body.Commands.Add(SyncMessages.Sync(SyncMessages.Add("F1", SyncMessages.VCard("Forged Contact"))));
        var reply = await forger.SendAsync(m, alice.RespUri);

        // OMA-TS-SyncML_RepPro-V1_2 §10: credentials that do not check out are 401, whatever session they ride on.
        reply.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, reply.Text);
        (await server.ContactsAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SessionTokenLeak_TokensNeverAppearInTheLog_AtAnyLevel()
    {
        await using var server = await RunningServer.StartAsync(
        [
            .. ServerArgs.NoThrottling,
            "--Logging:LogLevel:Default=Trace",
            "--Logging:Console:LogLevel:Default=None",
        ]);
        await server.AddUserAsync("alice", "secret");
        await server.AddUserAsync("bob", "bobsecret");
        var alice = new SecurityClient(server.Client, "alice-phone", "alice", "secret");
        await alice.SyncAsync(AlertCode.SlowSync, SyncMessages.Add("A1", SyncMessages.VCard("Alice Contact")));

        // A resent message (answered from the reply cache), a body that is not SyncML, and another user on her token.
        (await alice.LoginAsync(AlertCode.SlowSync)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var m = alice.NewMessage();
        m.Body.Commands.Add(SyncMessages.Sync(SyncMessages.Add("A2", SyncMessages.VCard("Alice Second"))));
        await alice.SendAsync(m);
        await alice.SendAsync(m);
        await alice.PostAsync("<SyncML>not quite"u8.ToArray(), SecurityClient.XmlType);
        var bob = new SecurityClient(server.Client, "bob-phone", "bob", "bobsecret");
        bob.StartSession();
        var intrusion = bob.NewMessage(bob.BasicCred);
        intrusion.Header.MsgID = "3";
        await bob.SendAsync(intrusion, alice.RespUri);

        var log = server.Log.Lines;
        log.ShouldContain(l => l.Level <= LogLevel.Debug, "the capture saw no Trace or Debug lines: the test would prove nothing");
        alice.Tokens.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var token in alice.Tokens)
        {
            token.Length.ShouldBeGreaterThanOrEqualTo(16);
            var leaks = log.Where(l => l.Message.Contains(token[..8], StringComparison.Ordinal) || l.Category.Contains(token[..8], StringComparison.Ordinal)).ToList();
            leaks.Count.ShouldBe(0, $"token {token[..4]}… appears in the log:\n{string.Join('\n', leaks.Take(5))}");
        }
    }
}
