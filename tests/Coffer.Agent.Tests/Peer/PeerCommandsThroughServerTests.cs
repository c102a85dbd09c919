using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Server.Sip;
using Coffer.Sip.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests.Peer;

/// <summary>
/// Issue 19's must-show with the real commands: agent A runs <c>coffer-agent peer online</c> as its own process on
/// 127.0.0.2; agent B, on 127.0.0.3, runs <c>peer list</c> and <c>peer sync</c> against the running server. Contacts
/// go by SyncML, a 100 MiB file changed by 1 % by rsync delta, both directly; the server's byte counters grow by a
/// few KB of SIP and HTTP; each BYE frees the server's session; Ctrl-C (here SIGTERM, below) takes A offline.
/// </summary>
public sealed partial class PeerCommandsThroughServerTests(ITestOutputHelper log)
{
    private const int FileBytes = 100 * 1024 * 1024;

    [Fact]
    public async Task Two_agents_sync_contacts_and_a_100_MiB_file_directly_and_the_server_sees_only_control()
    {
        await using var server = await TestServer.StartAsync();
        var user = await server.AddUserAsync("alice", "alice-pw");
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        var sessions = server.App.Services.GetRequiredService<PeerSessionTable>();
        var root = Path.Combine(server.Root, "agents");
        var a = new Agent(root, "a");
        var b = new Agent(root, "b");
        await a.InitOkAsync(server.SyncUrl, "alice", "alice-pw", "--sip-server", udp.ToString());
        await b.InitOkAsync(server.SyncUrl, "alice", "alice-pw");
        PimSamples.Write(a.DataDir, "contacts", "c1.vcf", PimSamples.Contact(1));
        PimSamples.Write(b.DataDir, "contacts", "c2.vcf", PimSamples.Contact(2));
        var (older, newer) = (Path.Combine(a.Folder("files"), "video", "big.bin"), Path.Combine(b.Folder("files"), "video", "big.bin"));
        var changed = WriteVersions(older, newer);

        // A goes online: registered from 127.0.0.2, the SIP server from its configuration.
        var lines = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        using var online = AgentProcess.Start(a, new Dictionary<string, string>(), line => lines.Enqueue($"{clock.ElapsedMilliseconds,6} {line}"), "peer", "online", "--listen", "127.0.0.2");
        try
        {
            await WaitAsync(async () => (await BindingsAsync(server, user.Id)).Contains(a.DeviceId), online, lines);
            var list = await b.RunJsonAsync("peer", "list");
            list.Result.ExitCode.ShouldBe(0, list.Result.ToString());
            list.Json.EnumerateArray().Select(p => p.GetProperty("device").GetString()).ShouldBe([a.DeviceId]);

            var before = await ScrapeAsync(server);

            // B invites A for contacts (SIP port from the server URL's host and --sip), then syncs with it directly.
            var contacts = await b.RunJsonAsync("peer", "sync", a.DeviceId, "contacts", "--sip", udp.Port.ToString(CultureInfo.InvariantCulture), "--listen", "127.0.0.3");
            contacts.Result.ExitCode.ShouldBe(0, contacts.Result.ToString());
            contacts.Json.GetProperty("sync").GetProperty("completed").GetBoolean().ShouldBeTrue();
            contacts.Json.GetProperty("bye").GetInt32().ShouldBe(200);
            string[] both = ["Jürgen Sample001", "Jürgen Sample002"];
            PeerPair.Names(b.Folder("contacts")).ShouldBe(both);
            await WaitAsync(() => Task.FromResult(PeerPair.Names(a.Folder("contacts")).SequenceEqual(both)), online, lines);

            // B sends its version of the file; A answers with the signature of its older one.
            var watch = Stopwatch.StartNew();
            var files = await b.RunJsonAsync("peer", "sync", a.DeviceId, "files", "--file", "video/big.bin", "--sip-server", udp.ToString(), "--listen", "127.0.0.3");
            log.WriteLine($"rsync session: {watch.Elapsed.TotalSeconds:0.0} s\n{files.Result.StdOut}\n{files.Result.StdErr}");
            files.Result.ExitCode.ShouldBe(0, files.Result.ToString());
            var sent = files.Json.GetProperty("wireBytesSent").GetInt64();
            var received = files.Json.GetProperty("wireBytesReceived").GetInt64();
            files.Json.GetProperty("fileBytes").GetInt64().ShouldBe(FileBytes);
            sent.ShouldBeGreaterThan(changed, "the changed bytes travel as literals");
            sent.ShouldBeLessThan(FileBytes / 20, "a delta, far below the file");
            received.ShouldBeLessThan(FileBytes / 100, "a signature");
            await WaitAsync(() => Task.FromResult(Sha256(older) == Sha256(newer)), online, lines);

            // The server carried the SIP of two sessions and a few HTTP requests, none of the payload.
            var after = await ScrapeAsync(server);
            var sip = Sum(after, "coffer_sip_bytes_total") - Sum(before, "coffer_sip_bytes_total");
            var http = Sum(after, "coffer_http_bytes_total") - Sum(before, "coffer_http_bytes_total");
            log.WriteLine($"through the server: SIP {sip} bytes, HTTP {http} bytes; directly: {sent} sent, {received} received");
            sip.ShouldBeGreaterThan(0, "the INVITEs, ACKs and BYEs passed the control server");
            (sip + http).ShouldBeLessThan(256 * 1024, "control only: a few KB of SIP and the /metrics scrape");
            (sip + http).ShouldBeLessThan(sent + received, "far less than went directly");

            // Each BYE freed the server's session.
            await WaitAsync(() => Task.FromResult(sessions.Count == 0), online, lines);
            sessions.Recent().Select(r => r.Outcome).ShouldBe([PeerSessionOutcome.Completed, PeerSessionOutcome.Completed]);
        }
        finally
        {
            // Stopped as Ctrl-C or a service manager stops it: A un-registers and exits. SIGTERM, the same cancellation
            // as Ctrl-C's in the agent: a test run started in the background of a non-interactive shell (CI) hands
            // SIGINT down ignored (POSIX shell: asynchronous commands ignore SIGINT), and .NET keeps it so.
            using (var interrupt = Process.Start("kill", ["-TERM", online.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await online.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                online.Kill(entireProcessTree: true);
                throw new TimeoutException("peer online did not exit within 30 s of SIGTERM; it printed:\n" + string.Join('\n', lines));
            }

            log.WriteLine(string.Join('\n', lines));
        }

        online.ExitCode.ShouldBe(0);
        (await BindingsAsync(server, user.Id)).ShouldBeEmpty("un-registered when stopped");
        lines.ShouldContain(l => l.Contains("video/big.bin: stored", StringComparison.Ordinal));
    }

    // 100 MiB of random bytes for A; B's copy with 64 runs of 16 KiB rewritten across it (1 %). Returns the bytes changed.
    private static long WriteVersions(string older, string newer)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(older)!);
        Directory.CreateDirectory(Path.GetDirectoryName(newer)!);
        var data = new byte[FileBytes];
        new Random(19).NextBytes(data);
        File.WriteAllBytes(older, data);
        const int runs = 64, run = 16 * 1024;
        for (var i = 0; i < runs; i++)
        {
            RandomNumberGenerator.Fill(data.AsSpan((int)((long)i * FileBytes / runs) + 4096, run));
        }

        File.WriteAllBytes(newer, data);
        return runs * run;
    }

    private static async Task<List<string>> BindingsAsync(TestServer server, long userId)
    {
        await using var read = await server.Store.BeginReadAsync();
        return [.. (await read.SipBindings.ListAsync(userId, DateTimeOffset.UtcNow)).Select(b => b.Device)];
    }

    private static async Task<string> ScrapeAsync(TestServer server)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(server.SyncUrl, "/metrics"));
    }

    private static long Sum(string exposition, string metric) =>
        Sample().Matches(exposition).Where(m => m.Groups[1].Value == metric).Sum(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(file));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, Process online, ConcurrentQueue<string> lines)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            online.HasExited.ShouldBeFalse(string.Join('\n', lines));
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), string.Join('\n', lines));
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"^([a-z_]+)\{[^}]*\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
