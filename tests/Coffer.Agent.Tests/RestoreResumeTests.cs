using System.Globalization;
using Coffer.Agent.Runs;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests;

/// <summary>
/// A restore of a 200 MiB file that breaks, once because the connection is cut (the proxy dies) and once because the
/// agent is killed (SIGKILL), goes on in the next run in the same server session at the next chunk: everything the
/// server returned over both runs stays within 1.1 times the file as b64 (less than one uninterrupted restore
/// returns), a file restored completely before the break is not sent again, a datastore restored completely before it
/// is not restored again, and every restored file has the original's SHA-256.
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
        // Contacts first (restored completely before the cut), then the files.
        var restore = phone.RunAsync("restore", "--to", target);
        await AgentProcess.WaitForAsync(() => first.Requests >= 150 || restore.IsCompleted);
        await first.StopAsync();
        var cut = await restore;
        cut.ExitCode.ShouldBe(ExitCodes.Unreachable, cut.ToString());

        await using var second = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "restore-2"), port);
        var resumed = await phone.RunAsync("restore", "--to", target);
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("contacts: restored by the interrupted run already");
        resumed.StdErr.ShouldContain("resuming the interrupted restore at byte");

        ShouldBeRestoredOnce(phone, target, first.BytesReturned, second.BytesReturned);
        PimSamples.Hashes(Path.Combine(target, "contacts")).ShouldBe(PimSamples.Hashes(phone.Folder("contacts")));

        // Done: the directory is a finished restore now, and another restore into it is refused.
        var again = await phone.RunAsync("restore", "--to", target);
        again.ExitCode.ShouldBe(ExitCodes.Usage, again.ToString());
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

        var firstRun = proxy.BytesReturned;
        var resumed = await phone.RunAsync("restore", "--to", target, "files");
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("resuming the interrupted restore at byte");

        ShouldBeRestoredOnce(phone, target, firstRun, proxy.BytesReturned - firstRun);
    }

    /// <summary>A phone whose contacts and files (a small one, then the 200 MiB one) are on the server, configured to go through a proxy port.</summary>
    private async Task<(Agent Phone, int Port)> BackedUpAsync(string name, int seed)
    {
        await server.AddUserAsync(name, Password);
        await using var backupLine = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, name + "-backup"));
        var phone = new Agent(server.Root, name);
        await phone.InitOkAsync(backupLine.SyncUrl(server.SyncUrl), name, Password, "--max-msg-size", MessageSize.ToString(CultureInfo.InvariantCulture), "--datastore", "contacts", "--datastore", "files");
        for (var i = 0; i < 20; i++)
        {
            PimSamples.Write(phone.DataDir, "contacts", $"c{i}.vcf", PimSamples.Contact(seed * 100 + i));
        }

        FileSamples.Binary(phone.Folder("files"), "a-small.pdf", 300_000, seed);
        FileSamples.Binary(phone.Folder("files"), "video/party.mp4", FileSize, seed + 1);
        var backup = await phone.RunAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        return (phone, backupLine.Port);
    }

    private void ShouldBeRestoredOnce(Agent phone, string target, long firstRun, long resumedRun)
    {
        var returned = firstRun + resumedRun;
        returned.ShouldBeLessThanOrEqualTo((long)(1.1 * B64Size), $"the server returned {returned} bytes for a file of {FileSize} ({B64Size} as b64)");
        FileSamples.Hashes(Path.Combine(target, "files")).ShouldBe(FileSamples.Hashes(phone.Folder("files")));

        // The resumed run received the rest of the large file, the chunk in flight at the break again and its envelopes:
        // nothing the first run had completely (the small file, the contacts).
        resumedRun.ShouldBeLessThan(B64Size - firstRun + (3L * FileSamples.MiB), $"the resumed run received {resumedRun} bytes after {firstRun}");
        output.WriteLine($"returned over both runs {returned} bytes ({(double)returned / B64Size:F3} x the file as b64), by the resumed run {resumedRun}");
    }
}
