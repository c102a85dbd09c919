using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// An HTTP forwarding proxy on 127.0.0.1 (free port) between a client and a SyncML server. It records every
/// exchange and can lose request N (connection closed, nothing forwarded), lose reply N (forwarded and
/// processed, connection closed instead of the answer) and delay every request. The client's Host header is
/// kept, so a server that builds its RespURI from Host keeps the client on the proxy; X-Forwarded-Host/-Proto
/// are added as by a reverse proxy.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    // RFC 9110 §7.6.1: connection-specific fields are not forwarded; lengths are recomputed.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Expect", "Content-Length", "Host",
    };

    private readonly TcpListener listener;
    private readonly HttpClient client;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<ProxyExchange> exchanges = [];
    private readonly List<Task> connections = [];
    private readonly Task acceptLoop;
    private int counter;

    private FaultProxy(Uri target, FaultProxyOptions options)
    {
        Target = target;
        Options = options;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = options.TargetTimeout,
        };
        if (options.RecordDirectory != null)
        {
            Directory.CreateDirectory(options.RecordDirectory);
        }

        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where requests go: scheme, host and port (the request's path and query are kept).</summary>
    public Uri Target { get; }

    public FaultProxyOptions Options { get; }

    /// <summary>The port the proxy listens on (127.0.0.1).</summary>
    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Every exchange so far, in request-number order.</summary>
    public IReadOnlyList<ProxyExchange> Exchanges
    {
        get
        {
            lock (exchanges)
            {
                return exchanges.OrderBy(e => e.Number).ToList();
            }
        }
    }

    /// <summary>Starts a proxy forwarding to <paramref name="target"/> (e.g. http://127.0.0.1:PORT).</summary>
    public static FaultProxy Start(Uri target, FaultProxyOptions? options = null) => new(target, options ?? new FaultProxyOptions());

    /// <summary>The proxy URL for a path, e.g. UrlFor("/sync").</summary>
    public string UrlFor(string pathAndQuery) => $"http://127.0.0.1:{Port}/{pathAndQuery.TrimStart('/')}";

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        Task[] open;
        lock (connections)
        {
            open = [acceptLoop, .. connections];
        }

        try
        {
            await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A connection stuck on its peer; the sockets are closed with the process.
        }

        client.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Task.Run(() => ServeConnectionAsync(socket)));
            }
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        using var ownedSocket = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new HttpWireReader(stream);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var request = await reader.ReadRequestAsync(
                    () => stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), stopping.Token).AsTask(),
                    stopping.Token).ConfigureAwait(false);
                if (request == null || !await HandleAsync(request, stream).ConfigureAwait(false) || !request.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidDataException or ObjectDisposedException)
        {
            // The client went away or sent garbage: the connection just ends, as with a real proxy.
        }
        finally
        {
            Close(socket);
        }
    }

    /// <summary>Forwards one request; false when the connection must be closed (a dropped request or reply).</summary>
    private async Task<bool> HandleAsync(HttpWireRequest request, NetworkStream stream)
    {
        var number = Interlocked.Increment(ref counter);
        var exchange = new ProxyExchange
        {
            Number = number,
            Method = request.Method,
            Target = request.Target,
            RequestHeaders = request.Headers,
            RequestBody = request.Body,
            Received = DateTimeOffset.UtcNow,
        };
        var watch = Stopwatch.StartNew();
        Record(exchange, request, null);
        if (Options.BeforeForward != null)
        {
            await Options.BeforeForward(number).ConfigureAwait(false);
        }

        if (Options.DropRequests.Contains(number))
        {
            Store(exchange with { Fault = ProxyFault.RequestDropped, Elapsed = watch.Elapsed });
            return false;
        }

        if (Options.Delay > TimeSpan.Zero)
        {
            await Task.Delay(Options.Delay, stopping.Token).ConfigureAwait(false);
        }

        HttpResponseMessage response;
        byte[] responseBody;
        try
        {
            using var forward = BuildForwardRequest(request);
            response = await client.SendAsync(forward, HttpCompletionOption.ResponseContentRead, stopping.Token).ConfigureAwait(false);
            responseBody = await response.Content.ReadAsByteArrayAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            Store(exchange with { Fault = ProxyFault.TargetUnreachable, StatusCode = 502, Elapsed = watch.Elapsed });
            var message = Encoding.UTF8.GetBytes(e.Message);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: {message.Length}\r\nConnection: close\r\n\r\n"), stopping.Token).ConfigureAwait(false);
            await stream.WriteAsync(message, stopping.Token).ConfigureAwait(false);
            return false;
        }

        using (response)
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
                .ToList();
            var answered = exchange with { StatusCode = (int)response.StatusCode, ResponseHeaders = headers, ResponseBody = responseBody };
            Record(answered, null, response);
            if (Options.DropReplies.Contains(number))
            {
                Store(answered with { Fault = ProxyFault.ReplyDropped, Elapsed = watch.Elapsed });
                return false;
            }

            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase ?? "Status").Append("\r\n");
            foreach (var (key, value) in headers.Where(h => !HopByHop.Contains(h.Key)))
            {
                head.Append(key).Append(": ").Append(value).Append("\r\n");
            }

            head.Append("Content-Length: ").Append(responseBody.Length).Append("\r\n");
            if (!request.KeepAlive)
            {
                head.Append("Connection: close\r\n");
            }

            head.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stopping.Token).ConfigureAwait(false);
            await stream.WriteAsync(responseBody, stopping.Token).ConfigureAwait(false);
            await stream.FlushAsync(stopping.Token).ConfigureAwait(false);
            Store(answered with { Elapsed = watch.Elapsed });
            return true;
        }
    }

    private HttpRequestMessage BuildForwardRequest(HttpWireRequest request)
    {
        var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(Target, request.Target))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(request.Body),
        };
        foreach (var (key, value) in request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!forward.Headers.TryAddWithoutValidation(key, value))
            {
                forward.Content.Headers.TryAddWithoutValidation(key, value);
            }
        }

        var host = request.Header("Host");
        if (host != null)
        {
            forward.Headers.Host = host;
            forward.Headers.TryAddWithoutValidation("X-Forwarded-Host", host);
        }

        forward.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "http");
        return forward;
    }

    private void Store(ProxyExchange exchange)
    {
        lock (exchanges)
        {
            exchanges.Add(exchange);
        }
    }

    // Writes NNN-request/NNN-response files like the captures in testdata/syncevolution-captures.
    private void Record(ProxyExchange exchange, HttpWireRequest? request, HttpResponseMessage? response)
    {
        if (Options.RecordDirectory == null)
        {
            return;
        }

        var kind = request != null ? "request" : "response";
        var baseName = Path.Combine(Options.RecordDirectory, $"{exchange.Number:D3}-{kind}");
        var firstLine = request != null
            ? $"{request.Method} {request.Target} {request.Version}"
            : $"HTTP/1.1 {(int)response!.StatusCode} {response.ReasonPhrase}";
        var headers = request != null ? exchange.RequestHeaders : exchange.ResponseHeaders;
        var body = request != null ? exchange.RequestBody : exchange.ResponseBody ?? [];
        var type = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
        var extension = type.Contains("wbxml", StringComparison.OrdinalIgnoreCase) ? "wbxml" : type.Contains("xml", StringComparison.OrdinalIgnoreCase) ? "xml" : "bin";
        File.WriteAllText(baseName + ".headers.txt", firstLine + "\n" + string.Concat(headers.Select(h => $"{h.Key}: {h.Value}\n")));
        File.WriteAllBytes($"{baseName}.body.{extension}", body);
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Close();
    }
}
