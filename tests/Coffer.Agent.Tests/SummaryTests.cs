using Coffer.Agent.Cli;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests;

/// <summary>
/// What a user reads after and during a run: the summary's counts and bytes both ways, progress lines with bytes,
/// rate and time left on a long transfer, and a full disk told apart from other I/O errors.
/// </summary>
public sealed class SummaryTests : IAsyncLifetime
{
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_summary_counts_new_changed_unchanged_deleted_and_the_bytes_both_ways()
    {
        await server.AddUserAsync("tina", "pw");
        var phone = new Agent(server.Root, "tina");
        await phone.InitOkAsync(server.SyncUrl, "tina", "pw", "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 3, largeNoteBytes: 0);

        var first = await phone.RunAsync("backup");
        first.ExitCode.ShouldBe(ExitCodes.Ok, first.ToString());
        first.StdOut.ShouldContain("backup: done: 3 new, 0 changed, 0 unchanged, 0 deleted;");
        first.StdOut.ShouldContain(" received in ");

        PimSamples.Write(phone.DataDir, "contacts", "contact1.vcf", PimSamples.Contact(1, "edited"));
        File.Delete(Path.Combine(phone.Folder("contacts"), "contact2.vcf"));
        PimSamples.Write(phone.DataDir, "contacts", "contact4.vcf", PimSamples.Contact(4));
        var (second, json) = await phone.RunJsonAsync("backup");
        second.ExitCode.ShouldBe(ExitCodes.Ok, second.ToString());
        var contacts = json.GetProperty("datastores")[0];
        (contacts.GetProperty("new").GetInt32(), contacts.GetProperty("changed").GetInt32(), contacts.GetProperty("unchanged").GetInt32(), contacts.GetProperty("deleted").GetInt32())
            .ShouldBe((1, 1, 1, 1), second.ToString());
        json.GetProperty("bytesSent").GetInt64().ShouldBeGreaterThan(0);
        json.GetProperty("bytesReceived").GetInt64().ShouldBeGreaterThan(0);
        contacts.GetProperty("bytesReceived").GetInt64().ShouldBe(json.GetProperty("bytesReceived").GetInt64());
    }

    [Fact]
    public async Task A_long_transfer_prints_bytes_rate_and_time_left_when_not_on_a_terminal()
    {
        await server.AddUserAsync("uwe", "pw");
        var phone = new Agent(server.Root, "uwe");
        await phone.InitOkAsync(server.SyncUrl, "uwe", "pw", "--datastore", "notes", "--max-msg-size", "8192");
        PimSamples.Fill(phone.DataDir, 1, largeNoteBytes: 120_000);
        var home = new AgentHome(phone.ConfigDir);
        var (config, password) = home.Load();
        using var http = new HttpClient();
        var log = new StringWriter();
        var runner = new AgentRunner(home, config, password, new HttpSyncTransport(http), new PlainRunProgress(log, TimeProvider.System, TimeSpan.Zero));

        var summary = await runner.RunAsync(RunMode.Backup, [], null, CancellationToken.None);
        summary.ExitCode.ShouldBe(ExitCodes.Ok, log.ToString());
        var lines = log.ToString().Split('\n');
        lines.ShouldContain(l => l.StartsWith("notes: 2 changes to send, about ", StringComparison.Ordinal), log.ToString());
        lines.Count(l => l.Contains(" sent, ", StringComparison.Ordinal) && l.Contains("/s, ETA ", StringComparison.Ordinal)).ShouldBeGreaterThan(5, log.ToString());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_full_disk_is_told_apart_from_other_io_errors()
    {
        // /dev/full answers every write with ENOSPC, as a full file system does.
        var full = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[4096]));
        DiskFull.Is(full).ShouldBeTrue(full.ToString());

        var other = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes(Path.Combine(server.Root, "no", "such", "dir", "f"), [1]));
        DiskFull.Is(other).ShouldBeFalse();
    }
}
