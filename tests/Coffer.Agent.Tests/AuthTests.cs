using System.Text.Json;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests;

/// <summary>syncml:auth-md5 against the real server: the first digest (no nonce yet) is answered with a challenge and a nonce, which the agent uses at once and keeps for the next run.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync("--Coffer:Sync:PreferredAuthType=syncml:auth-md5");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Md5_answers_the_servers_challenge_and_keeps_the_next_nonce()
    {
        await server.AddUserAsync("gina", "md5 pw", md5: true);
        var phone = new Agent(server.Root, "gina");
        await phone.InitOkAsync(server.SyncUrl, "gina", "md5 pw", "--auth", "md5", "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 2, largeNoteBytes: 0);

        var first = await phone.RunAsync("backup");
        first.ExitCode.ShouldBe(ExitCodes.Ok, first.ToString());
        var auth = JsonDocument.Parse(File.ReadAllText(Path.Combine(phone.ConfigDir, "auth.json"))).RootElement;
        auth.GetProperty("type").GetString().ShouldBe("syncml:auth-md5");
        auth.GetProperty("nextNonce").GetString().ShouldNotBeNullOrEmpty();

        var second = await phone.RunAsync("backup");
        second.ExitCode.ShouldBe(ExitCodes.Ok, second.ToString());
        (await server.CountLiveAsync(await UserAsync("gina"), Coffer.Storage.DatastoreKind.Contacts)).ShouldBe(2);
    }

    [Fact]
    public async Task A_wrong_md5_password_gives_the_authentication_exit_code()
    {
        await server.AddUserAsync("hal", "right", md5: true);
        var phone = new Agent(server.Root, "hal");
        await phone.InitOkAsync(server.SyncUrl, "hal", "wrong", "--auth", "md5");
        var sync = await phone.RunAsync("sync");
        sync.ExitCode.ShouldBe(ExitCodes.AuthenticationFailed, sync.ToString());
    }

    private async Task<Coffer.Storage.UserAccount> UserAsync(string name)
    {
        await using var uow = await server.Store.BeginReadAsync();
        return (await uow.Users.FindByNameAsync(name))!;
    }
}
