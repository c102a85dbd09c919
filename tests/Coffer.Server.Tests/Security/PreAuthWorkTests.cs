using System.Globalization;
using System.Net;
using System.Text;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 2: no write lock before authentication, and bounded work per message.</summary>
[Collection(SecuritySuite.Name)]
public sealed class PreAuthWorkTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PreAuthAmplification_UnauthenticatedFloodOfAdds_GetsOneHeaderStatus(bool wrongPassword)
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var attacker = new SecurityClient(server.Client, "amplifier", "alice", "wrong");
        attacker.StartSession();
        var xml = SyncMLXml.ToXmlString(attacker.NewMessage(wrongPassword ? attacker.BasicCred : null));
        var at = xml.IndexOf("<SyncBody>", StringComparison.Ordinal) + "<SyncBody>".Length;
        var body = xml[..at] + string.Concat(Enumerable.Repeat("<Add/>", 5000)) + xml[at..];

        var reply = await attacker.PostAsync(Encoding.UTF8.GetBytes(body), SecurityClient.XmlType);

        // One Status for the SyncHdr with the challenge, and Final (OMA-TS-DS_Protocol-V1_2 §5.1): an unauthenticated
        // sender gets nothing per command, so 30 KB in cannot buy a far larger reply out.
        reply.Body.Length.ShouldBeLessThan(4096, reply.Text[..Math.Min(reply.Text.Length, 1000)]);
        var status = reply.Statuses.ShouldHaveSingleItem();
        status.Cmd.ShouldBe("SyncHdr");
        status.Code.ShouldBe(wrongPassword ? StatusCode.InvalidCredentials : StatusCode.MissingCredentials);
        status.Chal.ShouldNotBeNull();
        reply.SyncML.Body.Final.ShouldBeTrue();
    }

    [Fact]
    public async Task WriteLockBeforeAuth_FloodOfWrongPasswords_TakesNoWriteLock_AndAnotherUserSyncsMeanwhile()
    {
        // Default limits and the default failed-login delay: the flood is what an attacker gets.
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("victim", "secret");
        await server.AddUserAsync("bob", "bobsecret");
        var store = (Coffer.Storage.Sqlite.SqliteCofferStore)server.Store;
        var bob = new SecurityClient(server.Client, "bob-phone", "bob", "bobsecret");
        SyncMLCommand[] Contacts(int round) => [.. Enumerable.Range(0, 10).Select(i => SyncMessages.Add("L" + i.ToString(CultureInfo.InvariantCulture), SyncMessages.VCard($"Bob Contact {round} {i}")))];
        var answered = 0;

        using var floodClient = server.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var stop = new CancellationTokenSource();
        var flood = Enumerable.Range(0, 64).Select(n => Task.Run(async () =>
        {
            for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
            {
                var intruder = new SecurityClient(floodClient, $"flood-{n}-{attempt}", "victim", $"guess-{n}-{attempt}");
                try
                {
                    (await intruder.LoginAsync()).HeaderStatus.Code.ShouldNotBe(StatusCode.AuthenticationAccepted);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ObjectDisposedException && stop.IsCancellationRequested)
                {
                    // The flood is over: requests still waiting are abandoned.
                    return;
                }

                Interlocked.Increment(ref answered);
            }
        })).ToList();
        while (Volatile.Read(ref answered) < 64 && !flood.Any(t => t.IsFaulted))
        {
            await Task.Delay(50);
        }

        // While the flood goes on: a wrong password is settled with reads only (docs/sync-engine.md), so none of the
        // refused logins begins a write transaction, and bob's syncs and /healthz are served in between.
        var writesBefore = store.WriteTransactionsBegun;
        var refusedBefore = Volatile.Read(ref answered);
        for (var round = 0; round < 3; round++)
        {
            await bob.SyncAsync(AlertCode.SlowSync, Contacts(round));
            (await server.Client.GetStringAsync("/healthz")).ShouldBe("ok\n");
        }

        var bobWrites = store.WriteTransactionsBegun - writesBefore;
        var refusedMeanwhile = Volatile.Read(ref answered) - refusedBefore;
        await stop.CancelAsync();
        floodClient.CancelPendingRequests();
        await Task.WhenAll(flood);

        refusedMeanwhile.ShouldBeGreaterThan(0, "the flood went on during bob's syncs");
        var bobSessions = 3;
        bobWrites.ShouldBeLessThanOrEqualTo(bobSessions * 3, $"{refusedMeanwhile} refused logins meanwhile must add no write transaction; bob's three sessions need at most three each");
        (await server.ScrapeAsync())["coffer_auth_failures_total"].Samples.Sum(s => s.Value).ShouldBeGreaterThanOrEqualTo(refusedBefore + refusedMeanwhile);
    }

    [Fact]
    public async Task TooManyCommands_AuthenticatedMessageOverTheCap_Gets413AndNothingApplied()
    {
        await using var server = await RunningServer.StartAsync([.. ServerArgs.NoThrottling, "--Coffer:Sync:MaxCommandsPerMessage=100"]);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var m = phone.NewMessage();
        m.Body.Commands.Add(SyncMessages.Sync([.. Enumerable.Range(0, 150).Select(i => SyncMessages.Add("L" + i.ToString(CultureInfo.InvariantCulture), SyncMessages.VCard("Contact " + i.ToString(CultureInfo.InvariantCulture))))]));

        var reply = await phone.SendAsync(m);

        // OMA-TS-SyncML_RepPro-V1_2 §10: 413 "Request entity too large" for the whole message.
        reply.HeaderStatus.Code.ShouldBe(StatusCode.RequestEntityTooLarge, reply.Text[..Math.Min(reply.Text.Length, 2000)]);
        (await server.ContactsAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task WbxmlBomb_StringTableStringReferencedSixtyTimes_IsRefusedWithoutHugeAllocation()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        phone.StartSession();
        var message = phone.NewMessage(phone.BasicCred);
        message.Body.Commands.Add(SyncMessages.Alert(AlertCode.SlowSync, phone.NextAnchor));
        var bomb = WbxmlBomb.Build(message, references: 60, stringBytes: 1024 * 1024);
        SyncReply? reply = null;

        var allocated = await Measure.AllocatedBytesAsync(async () => reply = await phone.PostAsync(bomb, SecurityClient.WbxmlType));

        // 60 MiB of text (120 MB as .NET strings) would be built from 1 MiB of input.
        allocated.ShouldBeLessThan(100L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated while handling a {bomb.Length / 1024} KiB message");
        reply.ShouldNotBeNull();
        if (reply.HttpStatus == 200)
        {
            var decoded = SyncMLXml.Read(WbxmlDecoder.Decode(reply.Body));
            decoded.Body.Commands.OfType<StatusCommand>().First(s => s.Cmd == "SyncHdr").Code.ShouldBe(StatusCode.RequestEntityTooLarge);
        }
        else
        {
            reply.HttpStatus.ShouldBeOneOf(400, 413);
        }

        (await server.ContactsAsync("alice")).ShouldBeEmpty();
    }
}
