using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests;

/// <summary>The documented exit codes and messages for the errors a user meets: wrong password, server down, quota full, no configuration.</summary>
public sealed class ErrorTests : IAsyncLifetime
{
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync("--Coffer:Quota:MaxItems=3");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_wrong_password_gives_its_exit_code_and_says_so()
    {
        await server.AddUserAsync("erin", "right");
        var phone = new Agent(server.Root, "erin");
        await phone.InitOkAsync(server.SyncUrl, "erin", "wrong");
        PimSamples.Fill(phone.DataDir, 1, largeNoteBytes: 0);

        var backup = await phone.RunAsync("backup", "contacts");
        backup.ExitCode.ShouldBe(ExitCodes.AuthenticationFailed, backup.ToString());
        backup.StdErr.ShouldContain("wrong account name or password");
    }

    [Fact]
    public async Task An_unreachable_server_gives_its_exit_code()
    {
        var phone = new Agent(server.Root, "nowhere");
        await phone.InitOkAsync(new Uri("http://127.0.0.1:1/sync"), "nobody", "pw");
        var (sync, json) = await phone.RunJsonAsync("sync");
        sync.ExitCode.ShouldBe(ExitCodes.Unreachable, sync.ToString());
        json.GetProperty("error").GetString()!.ShouldContain("server unreachable");
    }

    [Fact]
    public async Task A_full_quota_gives_its_exit_code_and_the_refused_items_are_sent_again_later()
    {
        await server.AddUserAsync("frank", "pw");
        var phone = new Agent(server.Root, "frank");
        await phone.InitOkAsync(server.SyncUrl, "frank", "pw", "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 5, largeNoteBytes: 0);

        var (backup, json) = await phone.RunJsonAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.QuotaFull, backup.ToString());
        json.GetProperty("datastores")[0].GetProperty("quotaRefused").GetInt32().ShouldBe(2);
        json.GetProperty("datastores")[0].GetProperty("error").GetString()!.ShouldContain("420");

        // The two refused contacts are still local changes: the next run offers them again (and only them).
        var text = await phone.RunAsync("backup");
        text.ExitCode.ShouldBe(ExitCodes.QuotaFull, text.ToString());
        text.StdErr.ShouldContain("quota full");
        text.StdErr.ShouldContain("sent 2/2");
    }

    [Fact]
    public async Task A_second_run_on_the_same_configuration_stops_at_once()
    {
        var phone = new Agent(server.Root, "busy");
        await phone.InitOkAsync(server.SyncUrl, "nobody", "pw");
        using (new FileStream(Path.Combine(phone.ConfigDir, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var busy = await phone.RunAsync("sync");
            busy.ExitCode.ShouldBe(ExitCodes.Usage, busy.ToString());
            busy.StdErr.ShouldContain("another coffer-agent run");
        }
    }

    [Fact]
    public async Task Without_init_the_verbs_say_what_to_do()
    {
        var phone = new Agent(server.Root, "unconfigured");
        var status = await phone.RunAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Usage);
        status.StdErr.ShouldContain("coffer-agent init");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_credentials_file_is_private()
    {
        var phone = new Agent(server.Root, "private");
        await phone.InitOkAsync(server.SyncUrl, "someone", "secret");
        File.GetUnixFileMode(Path.Combine(phone.ConfigDir, "credentials")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        File.SetUnixFileMode(Path.Combine(phone.ConfigDir, "credentials"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var status = await phone.RunAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Usage);
        status.StdErr.ShouldContain("chmod 600");
    }
}
