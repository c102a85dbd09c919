using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests;

/// <summary>
/// A 200 MiB file whose upload breaks, once because the connection is cut (the proxy dies) and once because the agent
/// is killed (SIGKILL), resumes in the next run at the last chunk the server acknowledged: everything posted over
/// both runs stays within 1.1 times what one uninterrupted upload posts (the file as b64 plus the envelopes), and
/// the server holds the file once, byte for byte.
/// </summary>
public sealed class ResumeTests : IAsyncLifetime
{
    private const string Password = "resume pw";
    private const int FileSize = 200 * FileSamples.MiB;
    private const int MessageSize = FileSamples.MiB;
    private TestServer server = null!;

    // One upload as b64: four characters per three bytes.
    private static long B64Size => (FileSize + 2L) / 3 * 4;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_upload_cut_by_the_proxy_resumes_at_the_last_acknowledged_chunk()
    {
        var user = await server.AddUserAsync("carol", Password);
        await using var first = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "proxy-1"));
        var phone = new Agent(server.Root, "carol");
        await phone.InitOkAsync(first.SyncUrl(server.SyncUrl), "carol", Password, "--max-msg-size", MessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--datastore", "files");
        FileSamples.Binary(phone.Folder("files"), "video/holiday.mp4", FileSize, 11);

        // Cut the line once about half the file has gone.
        var backup = phone.RunAsync("backup");
        await AgentProcess.WaitForAsync(() => first.Requests >= 130 || backup.IsCompleted);
        await first.StopAsync();
        var cut = await backup;
        cut.ExitCode.ShouldBe(ExitCodes.Unreachable, cut.ToString());
        var chunksBefore = await server.CountBlobChunksAsync(user);
        chunksBefore.ShouldBeInRange(50, 190);

        // The line is back (same address): the next run goes on where the server's acknowledgements stopped.
        await using var second = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "proxy-2"), first.Port);
        var resumed = await phone.RunAsync("backup");
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("resuming video/holiday.mp4 at byte");

        await ShouldHoldTheFileOnceAsync(user, phone, first.BytesPosted + second.BytesPosted);
    }

    [Fact]
    public async Task An_upload_whose_agent_is_killed_resumes_in_the_next_run()
    {
        var user = await server.AddUserAsync("dave", Password);
        await using var proxy = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "proxy"));
        var phone = new Agent(server.Root, "dave");
        await phone.InitOkAsync(proxy.SyncUrl(server.SyncUrl), "dave", Password, "--max-msg-size", MessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--datastore", "files");
        FileSamples.Binary(phone.Folder("files"), "video/birthday.mp4", FileSize, 12);

        using (var agent = AgentProcess.Start(phone, "backup"))
        {
            await AgentProcess.WaitForAsync(() => proxy.Requests >= 130 || agent.HasExited);
            agent.HasExited.ShouldBeFalse("the upload was still under way");
            agent.Kill();
            await agent.WaitForExitAsync();
        }

        (await server.CountBlobChunksAsync(user)).ShouldBeInRange(50, 190);
        var resumed = await phone.RunAsync("backup");
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("resuming video/birthday.mp4 at byte");

        await ShouldHoldTheFileOnceAsync(user, phone, proxy.BytesPosted);
    }

    private async Task ShouldHoldTheFileOnceAsync(Storage.UserAccount user, Agent phone, long posted)
    {
        (await server.CountLiveAsync(user, Storage.DatastoreKind.Files)).ShouldBe(1);
        (await server.CountBlobChunksAsync(user)).ShouldBe(FileSize / FileSamples.MiB);
        posted.ShouldBeLessThanOrEqualTo((long)(1.1 * B64Size), $"posted {posted} bytes for a file of {FileSize} ({B64Size} as b64)");

        // Nothing is left to send, and a restore gives the same bytes.
        var (status, json) = await phone.RunJsonAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        json.GetProperty("datastores")[0].GetProperty("pending").GetProperty("new").GetInt32().ShouldBe(0, status.ToString());
        var target = Path.Combine(server.Root, "restored-" + Guid.NewGuid().ToString("N")[..6]);
        var restore = await phone.RunAsync("restore", "--to", target, "files");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        FileSamples.Hashes(Path.Combine(target, "files")).ShouldBe(FileSamples.Hashes(phone.Folder("files")));
    }
}
