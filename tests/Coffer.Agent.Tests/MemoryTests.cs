using System.Diagnostics;
using System.Globalization;
using Coffer.Agent.Runs;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests;

/// <summary>
/// The agent streams a large file both ways: backing up and restoring a 256 MiB file in 1 MiB messages, the agent
/// process's peak resident set (VmHWM of /proc/PID/status) stays under 150 MiB, far below the file, so holding the
/// file (or its b64) whole fails.
/// </summary>
public sealed class MemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "memory pw";
    private const int FileSize = 256 * FileSamples.MiB;
    private const long Bound = 150L * FileSamples.MiB;
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Backing_up_and_restoring_a_large_file_keeps_the_agent_small()
    {
        await server.AddUserAsync("gina", Password);
        var phone = new Agent(server.Root, "gina");
        await phone.InitOkAsync(server.SyncUrl, "gina", Password, "--max-msg-size", FileSamples.MiB.ToString(CultureInfo.InvariantCulture), "--datastore", "files");
        FileSamples.Binary(phone.Folder("files"), "video/long.mp4", FileSize, 31);

        var backupPeak = await PeakOfAsync(phone, "backup");
        backupPeak.ShouldBeLessThan(Bound, $"backup peak RSS {backupPeak / FileSamples.MiB} MiB for a {FileSize / FileSamples.MiB} MiB file");

        var target = Path.Combine(server.Root, "restored-gina");
        var restorePeak = await PeakOfAsync(phone, "restore", "--to", target, "files");
        restorePeak.ShouldBeLessThan(Bound, $"restore peak RSS {restorePeak / FileSamples.MiB} MiB for a {FileSize / FileSamples.MiB} MiB file");
        FileSamples.Hashes(Path.Combine(target, "files")).ShouldBe(FileSamples.Hashes(phone.Folder("files")));
        output.WriteLine($"peak RSS for a {FileSize / FileSamples.MiB} MiB file: backup {backupPeak / FileSamples.MiB} MiB, restore {restorePeak / FileSamples.MiB} MiB");
    }

    /// <summary>Runs the agent as its own process and reads its VmHWM until it ends; the run must succeed.</summary>
    private static async Task<long> PeakOfAsync(Agent phone, params string[] args)
    {
        using var agent = AgentProcess.Start(phone, args);
        var peak = 0L;
        var watch = Stopwatch.StartNew();
        while (!agent.HasExited)
        {
            peak = Math.Max(peak, AgentProcess.PeakResidentBytes(agent) ?? 0);
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(10), "waiting for the agent");
            await Task.Delay(20);
        }

        await agent.WaitForExitAsync();
        agent.ExitCode.ShouldBe(ExitCodes.Ok, string.Join(' ', args));
        peak.ShouldBeGreaterThan(0, "VmHWM was read while the agent ran");
        return peak;
    }
}
