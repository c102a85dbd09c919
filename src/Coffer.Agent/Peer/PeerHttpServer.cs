using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coffer.Agent.Peer;

/// <summary>
/// The smallest HTTP/1.1 server the SyncML HTTP binding needs (OMA-TS-SyncML_HTTPBinding-V1_2 §5: POST with a
/// Content-Length body, one reply per request, persistent connections; RFC 9112 §6, §9.3): an agent serves one peer
/// for one session, so Kestrel and its hosting would weigh more than all the rest of the agent. No chunked request
/// bodies (411), no TLS: the session secret authenticates by md5 digest and never travels. Connections from any address
/// but the expected peer's are answered 403 and closed.
/// </summary>
public sealed class PeerHttpServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;

    private readonly TcpListener listener;
    private readonly IPAddress? expectedPeer;
    private readonly long requestLimit;
    private readonly Func<PeerHttpRequest, CancellationToken, Task<PeerHttpResponse>> handler;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<TcpClient, Task> connections = new();
    private Task? accepting;

    public PeerHttpServer(IPEndPoint endpoint, IPAddress? expectedPeer, long requestLimit, Func<PeerHttpRequest, CancellationToken, Task<PeerHttpResponse>> handler)
    {
        listener = new TcpListener(endpoint);
        this.expectedPeer = expectedPeer;
        this.requestLimit = requestLimit;
        this.handler = handler;
    }

    /// <summary>The address and port listened on (the port the system chose when 0 was asked for).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)listener.LocalEndpoint;

    public void Start()
    {
        listener.Start();
        accepting = AcceptAsync(stopping.Token);
    }

    /// <summary>Stops listening and closes every connection, a request under way included.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        foreach (var client in connections.Keys)
        {
            client.Dispose();
        }

        await Task.WhenAll([accepting ?? Task.CompletedTask, .. connections.Values]).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            connections[client] = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            using var stream = client.GetStream();
            var remote = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
            remote = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
            if (expectedPeer != null && !remote.Equals(expectedPeer))
            {
                await WriteAsync(stream, PeerHttpResponse.Text(403, "Not the peer of this session."), close: true, ct).ConfigureAwait(false);
                return;
            }

            var reader = new PeerHttpReader(stream);
            while (!ct.IsCancellationRequested)
            {
                var (response, close, request) = await ReadAsync(reader, remote, ct).ConfigureAwait(false);
                if (request == null && response == null)
                {
                    return;
                }

                if (response == null)
                {
                    try
                    {
                        response = await handler(request!, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The engine rolled the message back, or the store is ahead of the folder until the next
                        // session's export: either way the peer may send the message again.
                        (response, close) = (PeerHttpResponse.Text(500, "Internal error; the message was not applied."), true);
                    }
                }

                await WriteAsync(stream, response, close, ct).ConfigureAwait(false);
                if (close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away or the server stops: the session's state is in the store, message by message.
        }
        finally
        {
            client.Dispose();
            connections.TryRemove(client, out _);
        }
    }

    /// <summary>The next request; (null, _, null) at a clean end of the connection; a response instead when it cannot be served.</summary>
    private async Task<(PeerHttpResponse? Response, bool Close, PeerHttpRequest? Request)> ReadAsync(PeerHttpReader reader, IPAddress remote, CancellationToken ct)
    {
        var head = await reader.ReadHeadAsync(MaxHeaderBytes, ct).ConfigureAwait(false);
        if (head == null)
        {
            return (null, true, null);
        }

        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return (PeerHttpResponse.Text(400, "Not an HTTP/1.1 request."), true, null);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (PeerHttpResponse.Text(400, "Malformed header line."), true, null);
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var close = string.Equals(parts[2], "HTTP/1.0", StringComparison.Ordinal)
            || (headers.TryGetValue("Connection", out var connection) && connection.Contains("close", StringComparison.OrdinalIgnoreCase));
        if (!string.Equals(parts[0], "POST", StringComparison.Ordinal))
        {
            return (PeerHttpResponse.Text(405, "SyncML is POSTed."), true, null);
        }

        if (headers.ContainsKey("Transfer-Encoding") || !headers.TryGetValue("Content-Length", out var lengthText)
            || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return (PeerHttpResponse.Text(411, "A Content-Length is required."), true, null);
        }

        if (length > requestLimit)
        {
            return (PeerHttpResponse.Text(413, $"Message larger than {requestLimit} bytes."), true, null);
        }

        var body = await reader.ReadBodyAsync((int)length, ct).ConfigureAwait(false);
        return (null, close, new PeerHttpRequest(parts[1], headers.GetValueOrDefault("Content-Type", string.Empty), body, remote));
    }

    private static async Task WriteAsync(Stream stream, PeerHttpResponse response, bool close, CancellationToken ct)
    {
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\n{(close ? "Connection: close\r\n" : string.Empty)}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct).ConfigureAwait(false);
        await stream.WriteAsync(response.Body, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        410 => "Gone",
        411 => "Length Required",
        413 => "Content Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
