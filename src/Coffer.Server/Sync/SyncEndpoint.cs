using System.Buffers;
using Coffer.Sync;
using Coffer.Sync.Engine;

namespace Coffer.Server.Sync;

/// <summary>
/// POST /sync: hands the raw SyncML message to the engine and writes its reply. Wiring only — the engine decides
/// everything, including the HTTP status (200 for any SyncML answer, 400 for a body that is not SyncML at all).
/// </summary>
public static class SyncEndpoint
{
    /// <summary>The largest body read; the engine's own limits (MaxMsgSize) are below it.</summary>
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    public static async Task HandleAsync(HttpContext context, SyncEngine engine, CofferServerOptions options, ILoggerFactory loggers)
    {
        var request = context.Request;
        var contentType = request.ContentType ?? string.Empty;
        if (request.ContentLength > MaxBodyBytes)
        {
            await WriteAsync(context, SyncResponse.BadRequest($"Message larger than {MaxBodyBytes} bytes."));
            return;
        }

        // Messages run to MaxMsgSize (often 100 KB and more): read into a pooled buffer rather than a fresh large-object
        // allocation per message. The engine reads the body before it returns and keeps nothing of it.
        var declared = request.ContentLength is long n and > 0 ? (int)n : 0;
        var (buffer, length) = await ReadBodyAsync(request.Body, ArrayPool<byte>.Shared.Rent(Math.Max(declared, 4096)), context.RequestAborted);
        try
        {
            if (length > MaxBodyBytes)
            {
                await WriteAsync(context, SyncResponse.BadRequest($"Message larger than {MaxBodyBytes} bytes."));
                return;
            }

            await HandleAsync(context, engine, options, loggers, buffer.AsMemory(0, length), contentType);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task HandleAsync(HttpContext context, SyncEngine engine, CofferServerOptions options, ILoggerFactory loggers, ReadOnlyMemory<byte> body, string contentType)
    {
        var request = context.Request;
        var token = request.Query["s"].FirstOrDefault();
        var syncRequest = new SyncRequest(body, contentType, token, EndpointUrl(context, options), context.Connection.RemoteIpAddress?.ToString());
        SyncResponse response;
        try
        {
            response = await engine.HandleAsync(syncRequest, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was committed (the unit of work rolled back); the client may resend the message.
            loggers.CreateLogger("Coffer.Sync").LogError(ex, "Sync message failed (session token {Token}, from {Remote})", token, syncRequest.RemoteAddress);
            response = new SyncResponse(500, System.Text.Encoding.UTF8.GetBytes("Internal error; the message was not applied. Retry.\n"), "text/plain; charset=utf-8");
        }

        await WriteAsync(context, response);
    }

    /// <summary>
    /// Reads the whole body into pooled buffers (trading a full one for one twice its size); stops once it holds more
    /// than <see cref="MaxBodyBytes"/>. Returns the buffer to give back to the pool and the length read.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(Stream body, byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        while (length <= MaxBodyBytes)
        {
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (buffer, length);
    }

    /// <summary>
    /// The URL clients reach this endpoint at, for RespURI: the configured public URL (behind a proxy or load
    /// balancer), otherwise the request's own scheme, host and path.
    /// </summary>
    private static string EndpointUrl(HttpContext context, CofferServerOptions options)
    {
        if (!string.IsNullOrEmpty(options.PublicUrl))
        {
            return options.PublicUrl.TrimEnd('/') + CofferServerHost.SyncPath;
        }

        var r = context.Request;
        return $"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}";
    }

    private static async Task WriteAsync(HttpContext context, SyncResponse response)
    {
        context.Response.StatusCode = response.HttpStatus;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }
}
