using System.Net;
using System.Text.RegularExpressions;
using Coffer.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests;

public sealed partial class HostTests
{
    [Fact]
    public async Task Healthz_AnswersOk_AndTheDataDirectoryIsCreated()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok\n");
        Directory.Exists(server.DataDir).ShouldBeTrue();
    }

    [Fact]
    public async Task SyncEndpoint_AnswersABodyThatIsNotSyncML_With400AndTheReason()
    {
        await using var server = await RunningServer.StartAsync();
        using var content = new ByteArrayContent("this is not xml"u8.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.syncml+xml");

        using var response = await server.Client.PostAsync("/sync", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Malformed SyncML message");
    }

    [Fact]
    public async Task SyncEndpoint_AnswersAMessageWithoutCredentials_InBandWith407AndAChallenge()
    {
        await using var server = await RunningServer.StartAsync();
        const string message = """
            <SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto>
            <SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>http://localhost/sync</LocURI></Target>
            <Source><LocURI>test-device</LocURI></Source></SyncHdr>
            <SyncBody><Alert><CmdID>1</CmdID><Data>200</Data><Item><Target><LocURI>card</LocURI></Target>
            <Source><LocURI>./contacts</LocURI></Source></Item></Alert><Final/></SyncBody></SyncML>
            """;
        using var content = new StringContent(message, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.syncml+xml");

        using var response = await server.Client.PostAsync("/sync", content);

        // OMA-TS-DS_Protocol-V1_2 §5.1: authentication is in-band; HTTP stays 200.
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = Coffer.SyncML.SyncMLXml.Parse(await response.Content.ReadAsStringAsync());
        var header = reply.Body.Commands.OfType<Coffer.SyncML.StatusCommand>().First();
        header.Cmd.ShouldBe("SyncHdr");
        header.Code.ShouldBe(Coffer.SyncML.StatusCode.MissingCredentials);
        header.Chal.ShouldNotBeNull();
        header.Chal.Meta!.Type.ShouldBe(Coffer.SyncML.Auth.AuthTypes.Basic, "accounts hold no md5 credential unless created for it");

        // Nothing of an unauthenticated message is looked at: its Alert gets no status of its own.
        reply.Body.Commands.ShouldHaveSingleItem();
        reply.Body.Final.ShouldBeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SyncEndpoint_ReadsALargeBody_WithOrWithoutContentLength(bool chunked)
    {
        // 300 KB of XML comment before the message: the body outgrows the first pooled buffer several times over.
        await using var server = await RunningServer.StartAsync();
        var message = "<!--" + new string('x', 300_000) + "-->" + """
            <SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto>
            <SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>http://localhost/sync</LocURI></Target>
            <Source><LocURI>test-device</LocURI></Source></SyncHdr>
            <SyncBody><Alert><CmdID>1</CmdID><Data>200</Data><Item><Target><LocURI>card</LocURI></Target>
            <Source><LocURI>./contacts</LocURI></Source></Item></Alert><Final/></SyncBody></SyncML>
            """;
        var bytes = System.Text.Encoding.UTF8.GetBytes(message);
        using HttpContent content = chunked ? new StreamContent(new NoLengthStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.syncml+xml");

        using var response = await server.Client.PostAsync("/sync", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = Coffer.SyncML.SyncMLXml.Parse(await response.Content.ReadAsStringAsync());
        reply.Body.Commands.OfType<Coffer.SyncML.StatusCommand>().First().Code.ShouldBe(Coffer.SyncML.StatusCode.MissingCredentials);
    }

    [Fact]
    public async Task Metrics_IsPrometheusText004_WithEveryCofferFamily()
    {
        await using var server = await RunningServer.StartAsync();
        // A counter or histogram is exported from its first measurement on: one message (not SyncML) makes them.
        using (var sync = await server.Client.PostAsync("/sync", new StringContent("not SyncML", System.Text.Encoding.UTF8, "application/vnd.syncml+xml")))
        {
            sync.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var metrics = server.App.Services.GetRequiredService<Coffer.Sync.Metrics.CofferMetrics>();
        metrics.ItemsProcessed("card", Coffer.Sync.Metrics.ItemOperation.Add, Coffer.Sync.Metrics.ItemDirection.FromClient, 1);
        metrics.MessageProcessed(TimeSpan.FromMilliseconds(1), wbxml: false);

        using var response = await server.Client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        response.Content.Headers.ContentType!.Parameters.ShouldContain(p => p.Name == "version" && p.Value == "0.0.4");
        var families = ExpositionParser.Parse(await response.Content.ReadAsStringAsync());
        families["coffer_sync_sessions_total"].Type.ShouldBe("counter");
        families["coffer_sync_sessions_active"].Type.ShouldBe("gauge");
        families["coffer_sync_items_total"].Type.ShouldBe("counter");
        families["coffer_sync_bytes_total"].Type.ShouldBe("counter");
        families["coffer_sync_message_duration_seconds"].Type.ShouldBe("histogram");
        families["coffer_process_uptime_seconds"].Type.ShouldBe("gauge");
        families["coffer_process_uptime_seconds"].Samples.ShouldHaveSingleItem().Value.ShouldBeGreaterThan(0);

        // Bytes on the wire: the requests so far came in and their responses went out; SIP has carried nothing yet.
        var http = families["coffer_http_bytes_total"];
        http.Type.ShouldBe("counter");
        http.Samples.Single(s => s.Labels["direction"] == "in").Value.ShouldBeGreaterThan(0);
        http.Samples.Single(s => s.Labels["direction"] == "out").Value.ShouldBeGreaterThan(0);
        families["coffer_sip_bytes_total"].Samples.Select(s => (s.Labels["transport"], s.Labels["direction"], s.Value)).Order()
            .ShouldBe([("tcp", "in", 0), ("tcp", "out", 0), ("udp", "in", 0), ("udp", "out", 0)]);

        // The runtime's meter too: collections per generation, what a memory problem shows first.
        GC.Collect();
        var gc = ExpositionParser.Parse(await (await server.Client.GetAsync("/metrics")).Content.ReadAsStringAsync())["dotnet_gc_collections_total"];
        gc.Type.ShouldBe("counter");
        gc.Samples.Single(s => s.Labels["gc_heap_generation"] == "gen2").Value.ShouldBeGreaterThan(0);
        families.Values.ShouldAllBe(f => !string.IsNullOrEmpty(f.Help));
    }

    [Fact]
    public async Task BuiltServer_StartsWithoutConfiguration_PrintsItsSyncUrl_AndCreatesDotSlashData()
    {
        // The published entry point, as `dotnet run --project src/Coffer.Server` starts it; --urls only keeps
        // the test off the default port 5000, which other processes on the host may hold.
        var workDir = Path.Combine(Path.GetTempPath(), "coffer-server-tests", "run-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(workDir);
        var dll = Path.Combine(AppContext.BaseDirectory, "Coffer.Server.dll");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        foreach (var a in new[] { dll, "--urls", "http://127.0.0.1:0", "--Coffer:Sip:Listen=127.0.0.1:0" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(psi)!;
        try
        {
            string? syncUrl = null;
            var readUntil = DateTime.UtcNow.AddSeconds(30);
            while (syncUrl == null && DateTime.UtcNow < readUntil)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (line == null)
                {
                    break;
                }

                var match = SyncUrlLine().Match(line);
                syncUrl = match.Success ? match.Groups[1].Value : null;
            }

            syncUrl.ShouldNotBeNull("the server must print 'Coffer sync URL: http://HOST:PORT/sync'");
            Directory.Exists(Path.Combine(workDir, "data")).ShouldBeTrue();
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            (await client.GetStringAsync(new Uri(new Uri(syncUrl), "/healthz"))).ShouldBe("ok\n");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(workDir, recursive: true);
        }
    }

    [GeneratedRegex(@"^Coffer sync URL: (http://127\.0\.0\.1:\d+/sync)$")]
    private static partial Regex SyncUrlLine();
}
