using Coffer.Agent.Runs;
using Coffer.Server.Sip;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests.Peer;

/// <summary>The <c>peer</c> verbs' refusals, each with its exit code and a message that says why (docs/agent.md "Peer sync (commands)").</summary>
public sealed class PeerCommandErrorTests
{
    [Fact]
    public async Task Offline_devices_wrong_passwords_and_bad_arguments_end_with_their_exit_codes()
    {
        await using var server = await TestServer.StartAsync();
        await server.AddUserAsync("alice", "alice-pw");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        var root = Path.Combine(server.Root, "agents");
        var b = new Agent(root, "b");
        var wrong = new Agent(root, "c");
        await b.InitOkAsync(server.SyncUrl, "alice", "alice-pw", "--sip-server", udp.ToString());
        await wrong.InitOkAsync(server.SyncUrl, "alice", "not-the-password", "--sip-server", udp.ToString());
        string[] local = ["--listen", "127.0.0.3"];

        var list = await b.RunJsonAsync("peer", "list");
        list.Result.ExitCode.ShouldBe(ExitCodes.Ok, list.Result.ToString());
        list.Json.GetArrayLength().ShouldBe(0);

        var offline = await b.RunAsync(["peer", "sync", "agent-a", "contacts", .. local]);
        offline.ExitCode.ShouldBe(ExitCodes.PeerOffline, offline.ToString());
        offline.StdErr.ShouldContain("agent-a is not online");

        var unknown = await b.RunAsync(["peer", "sync", "agent-a", "videos", .. local]);
        unknown.ExitCode.ShouldBe(ExitCodes.Usage, unknown.ToString());
        unknown.StdErr.ShouldContain("unknown data type videos");

        var fileWithSyncML = await b.RunAsync(["peer", "sync", "agent-a", "contacts", "--file", "x.vcf", .. local]);
        fileWithSyncML.ExitCode.ShouldBe(ExitCodes.Usage, fileWithSyncML.ToString());

        var outside = await b.RunAsync(["peer", "sync", "agent-a", "files", "--file", "../secret.txt", .. local]);
        outside.ExitCode.ShouldBe(ExitCodes.Usage, outside.ToString());
        outside.StdErr.ShouldContain("is not inside");

        var invite = await wrong.RunAsync(["peer", "sync", "agent-b", "contacts", .. local]);
        invite.ExitCode.ShouldBe(ExitCodes.AuthenticationFailed, invite.ToString());
        invite.StdErr.ShouldContain("refused the account's password");

        var register = await wrong.RunAsync(["peer", "online", .. local]);
        register.ExitCode.ShouldBe(ExitCodes.AuthenticationFailed, register.ToString());
        register.StdErr.ShouldContain("refused the account's password");

        var listing = await wrong.RunAsync("peer", "list");
        listing.ExitCode.ShouldBe(ExitCodes.AuthenticationFailed, listing.ToString());
    }
}
