using System.Globalization;
using Coffer.Agent.Runs;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests;

/// <summary>
/// A restore of a 200 MiB file that breaks, once because the connection is cut (the proxy dies) and once because the
/// agent is killed (SIGKILL), goes on in the next run in the same server session at the next chunk: everything the
/// server returned over both runs stays within 1.1 times the file as b64 (less than one uninterrupted restore
/// returns), a file restored completely before the break is not sent again, and every restored file has the
/// original's SHA-256.
/// </summary>
public sealed class RestoreResumeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "restore pw";
    private const int FileSize = 200 * FileSamples.MiB;
    private const int MessageSize = FileSamples.MiB;
    private TestServer server = null!;

    // One restore as b64: four characters per three bytes (the small file is a rounding error beside it).
    private static long B64Size => (FileSize + 2L) / 3 * 4;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_restore_cut_by_the_proxy_resumes_at_the_next_chunk()
    {
        var (phone, port) = await BackedUpAsync("erin", 21);
        var target = Path.Combine(server.Root, "restored-erin");

        await using var first = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "restore-1"), port);
        var restore = phone.RunAsync("restore", "--to", target, "files");
        await AgentProcess.WaitForAsync(() => first.Requests >= 150 || restore.IsCompleted);
        await first.StopAsync();
        var cut = await restore;
        cut.ExitCode.ShouldBe(ExitCodes.Unreachable, cut.ToString());

        await using var second = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "restore-2"), port);
        var resumed = await phone.RunAsync("restore", "--to", target, "files");
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("resuming the interrupted restore at byte");

        ShouldBeRestoredOnce(phone, target, first.BytesReturned + second.BytesReturned, second);
    }

    [Fact]
    public async Task A_restore_whose_agent_is_killed_resumes_in_the_next_run()
    {
        var (phone, port) = await BackedUpAsync("frank", 22);
        var target = Path.Combine(server.Root, "restored-frank");

        await using var proxy = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "restore"), port);
        using (var agent = AgentProcess.Start(phone, "restore", "--to", target, "files"))
        {
            await AgentProcess.WaitForAsync(() => proxy.Requests >= 150 || agent.HasExited);
            agent.HasExited.ShouldBeFalse("the restore was still under way");
            agent.Kill();
            await agent.WaitForExitAsync();
        }

        var cutAt = proxy.Requests;
        var resumed = await phone.RunAsync("restore", "--to", target, "files");
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("resuming the interrupted restore at byte");

        ShouldBeRestoredOnce(phone, target, proxy.BytesReturned, proxy, cutAt);
    }

    /// <summary>A phone whose files (a small one, then the 200 MiB one) are on the server, configured to go through a proxy port.</summary>
    private async Task<(Agent Phone, int Port)> BackedUpAsync(string name, int seed)
    {
        await server.AddUserAsync(name, Password);
        await using var backupLine = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, name + "-backup"));
        var phone = new Agent(server.Root, name);
        await phone.InitOkAsync(backupLine.SyncUrl(server.SyncUrl), name, Password, "--max-msg-size", MessageSize.ToString(CultureInfo.InvariantCulture), "--datastore", "files");
        FileSamples.Binary(phone.Folder("files"), "a-small.pdf", 300_000, seed);
        FileSamples.Binary(phone.Folder("files"), "video/party.mp4", FileSize, seed + 1);
        var backup = await phone.RunAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        return (phone, backupLine.Port);
    }

    private void ShouldBeRestoredOnce(Agent phone, string target, long returned, RecordingProxy resumedLine, int firstRequest = 0)
    {
        returned.ShouldBeLessThanOrEqualTo((long)(1.1 * B64Size), $"the server returned {returned} bytes for a file of {FileSize} ({B64Size} as b64)");
        FileSamples.Hashes(Path.Combine(target, "files")).ShouldBe(FileSamples.Hashes(phone.Folder("files")));

        // The small file came first and was complete before the break: the resumed run did not receive it again.
        var resumedBodies = Directory.EnumerateFiles(resumedLine.OutDir, "*-response.body.*")
            .Where(f => int.Parse(Path.GetFileName(f)[..3], CultureInfo.InvariantCulture) > firstRequest)
            .Sum(f => new FileInfo(f).Length);
        resumedBodies.ShouldBeLessThan(B64Size / 2 + FileSamples.MiB, "the resumed run received only the rest of the large file");
        output.WriteLine($"returned over both runs {returned} bytes ({(double)returned / B64Size:F3} x the file as b64), by the resumed run {resumedBodies}");
    }
}
