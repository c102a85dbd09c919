using System.Net;
using System.Text;
using Coffer.Interop.Tests.Harness;

namespace Coffer.Interop.Tests.HarnessTests;

/// <summary>The proxy against a small in-process HTTP server that counts what reaches it.</summary>
public sealed class FaultProxyTests : IDisposable
{
    private readonly HttpListener backend = new();
    private readonly List<string> received = [];
    private readonly int backendPort = FreePort.Next();
    private readonly CancellationTokenSource stop = new();

    public FaultProxyTests()
    {
        backend.Prefixes.Add($"http://127.0.0.1:{backendPort}/");
        backend.Start();
        _ = Task.Run(ServeAsync);
    }

    [Fact]
    public async Task Forwards_PathBodyAndHost_AndRecordsBothDirections()
    {
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{backendPort}"));
        using var client = NewClient();

        var reply = await PostAsync(client, proxy.UrlFor("/sync?s=1"), "<SyncML>1</SyncML>");

        reply.ShouldBe("echo /sync?s=1 host=127.0.0.1:" + proxy.Port + " fwd=127.0.0.1:" + proxy.Port + " <SyncML>1</SyncML>");
        var exchange = proxy.Exchanges.ShouldHaveSingleItem();
        exchange.Number.ShouldBe(1);
        exchange.Method.ShouldBe("POST");
        exchange.Target.ShouldBe("/sync?s=1");
        exchange.RequestText.ShouldBe("<SyncML>1</SyncML>");
        exchange.RequestHeader("content-type").ShouldBe("application/vnd.syncml+xml");
        exchange.StatusCode.ShouldBe(200);
        exchange.ResponseText.ShouldBe(reply);
        exchange.ResponseHeader("Content-Type").ShouldBe("application/vnd.syncml+xml");
        exchange.Fault.ShouldBe(ProxyFault.None);
    }

    [Fact]
    public async Task DroppedRequest_NeverReachesTheServer_AndTheClientSeesAClosedConnection()
    {
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{backendPort}"), new FaultProxyOptions { DropRequests = new HashSet<int> { 2 } });
        using var client = NewClient();

        (await PostAsync(client, proxy.UrlFor("/s"), "one")).ShouldEndWith("one");
        await Should.ThrowAsync<HttpRequestException>(() => PostAsync(client, proxy.UrlFor("/s"), "two"));
        (await PostAsync(client, proxy.UrlFor("/s"), "three")).ShouldEndWith("three");

        Received().ShouldBe(["one", "three"]);
        proxy.Exchanges.Select(e => (e.Number, e.Fault, e.RequestText)).ShouldBe([(1, ProxyFault.None, "one"), (2, ProxyFault.RequestDropped, "two"), (3, ProxyFault.None, "three")]);
        proxy.Exchanges[1].StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task DroppedReply_IsProcessedByTheServer_ButNeverReachesTheClient()
    {
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{backendPort}"), new FaultProxyOptions { DropReplies = new HashSet<int> { 1 } });
        using var client = NewClient();

        await Should.ThrowAsync<HttpRequestException>(() => PostAsync(client, proxy.UrlFor("/s"), "lost"));
        (await PostAsync(client, proxy.UrlFor("/s"), "again")).ShouldEndWith("again");

        Received().ShouldBe(["lost", "again"]);
        var dropped = proxy.Exchanges[0];
        dropped.Fault.ShouldBe(ProxyFault.ReplyDropped);
        dropped.StatusCode.ShouldBe(200);
        dropped.ResponseText!.ShouldEndWith("lost");
    }

    [Fact]
    public async Task Delay_HoldsEveryRequest()
    {
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{backendPort}"), new FaultProxyOptions { Delay = TimeSpan.FromMilliseconds(400) });
        using var client = NewClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await PostAsync(client, proxy.UrlFor("/s"), "a");
        await PostAsync(client, proxy.UrlFor("/s"), "b");

        // Timers fire on a coarse clock (Task.Delay may wake a few ms early against a Stopwatch); without the delay an
        // exchange on loopback takes a few ms, so 380 ms still proves that every request was held.
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(760));
        proxy.Exchanges.ShouldAllBe(e => e.Elapsed >= TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task RecordDirectory_GetsNumberedCaptureFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coffer-interop", "capture-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await using (var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{backendPort}"), new FaultProxyOptions { RecordDirectory = dir }))
            {
                using var client = NewClient();
                await PostAsync(client, proxy.UrlFor("/sync"), "<SyncML/>");
            }

            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .ShouldBe(["001-request.body.xml", "001-request.headers.txt", "001-response.body.xml", "001-response.headers.txt"]);
            File.ReadAllText(Path.Combine(dir, "001-request.headers.txt")).ShouldStartWith("POST /sync HTTP/1.1\n");
            File.ReadAllText(Path.Combine(dir, "001-request.body.xml")).ShouldBe("<SyncML/>");
            File.ReadAllText(Path.Combine(dir, "001-response.headers.txt")).ShouldStartWith("HTTP/1.1 200 OK\n");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        backend.Close();
        stop.Dispose();
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

    private static async Task<string> PostAsync(HttpClient client, string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.syncml+xml");
        using var response = await client.PostAsync(url, content);
        return await response.Content.ReadAsStringAsync();
    }

    private List<string> Received()
    {
        lock (received)
        {
            return [.. received];
        }
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await backend.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (received)
            {
                received.Add(body);
            }

            var reply = Encoding.UTF8.GetBytes($"echo {context.Request.RawUrl} host={context.Request.Headers["Host"]} fwd={context.Request.Headers["X-Forwarded-Host"]} {body}");
            context.Response.ContentType = "application/vnd.syncml+xml";
            context.Response.ContentLength64 = reply.Length;
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }
}
