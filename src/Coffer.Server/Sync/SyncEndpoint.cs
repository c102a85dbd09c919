using System.Buffers;
using Coffer.Sync;
using Coffer.Sync.Engine;
using Microsoft.AspNetCore.Http.Features;

namespace Coffer.Server.Sync;

/// <summary>
/// POST /sync: hands the raw SyncML message to the engine and writes its reply. Wiring only — the engine decides
/// everything, including the HTTP status (200 for any SyncML answer, 400 for a body that is not SyncML at all).
/// </summary>
public static class SyncEndpoint
{
    private const int FirstBufferBytes = 16 * 1024;

    public static async Task HandleAsync(HttpContext context, SyncEngine engine, SyncServerOptions syncOptions, CofferServerOptions options, ILoggerFactory loggers)
    {
        var request = context.Request;
        var limit = (int)Math.Min(int.MaxValue - 1, syncOptions.RequestLimit);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        if (request.ContentLength > limit)
        {
            await WriteAsync(context, SyncResponse.Text(413, $"Message larger than {limit} bytes."));
            return;
        }

        // The body is read as it arrives into pooled buffers that grow with what was received, never with what the
        // Content-Length promises: a slow client that declares a large body holds a connection, not memory.
        var (buffer, length) = await ReadBodyAsync(request.Body, limit, context.RequestAborted);
        try
        {
            if (length > limit)
            {
                await WriteAsync(context, SyncResponse.Text(413, $"Message larger than {limit} bytes."));
                return;
            }

            await HandleAsync(context, engine, options, loggers, buffer.AsMemory(0, length), request.ContentType ?? string.Empty);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task HandleAsync(HttpContext context, SyncEngine engine, CofferServerOptions options, ILoggerFactory loggers, ReadOnlyMemory<byte> body, string contentType)
    {
        var token = context.Request.Query["s"].FirstOrDefault();
        var syncRequest = new SyncRequest(body, contentType, token, EndpointUrl(context, options), context.Connection.RemoteIpAddress?.ToString());
        SyncResponse response;
        try
        {
            response = await engine.HandleAsync(syncRequest, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was committed (the unit of work rolled back); the client may resend the message.
            var session = string.IsNullOrEmpty(token) ? "-" : SyncEngine.SessionLabel(token);
            loggers.CreateLogger("Coffer.Sync").LogError(ex, "Sync message failed (session {Session}, from {Remote})", session, syncRequest.RemoteAddress);
            response = SyncResponse.Text(500, "Internal error; the message was not applied. Retry.");
        }

        // A WBXML reply is in a pooled array: given back once written (the reply cache sealed its own copy).
        using (response)
        {
            if (response.Delay > TimeSpan.Zero)
            {
                // A refused login is answered late: guessing slows down, at the cost of a waiting connection, not of CPU.
                await Task.Delay(response.Delay, context.RequestAborted);
            }

            await WriteAsync(context, response);
        }
    }

    /// <summary>
    /// Reads the body into pooled buffers (trading a full one for one twice its size); stops once it holds more than
    /// <paramref name="limit"/>. Returns the buffer to give back to the pool and the length read.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(Stream body, int limit, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        var length = 0;
        try
        {
            while (length <= limit)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
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
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
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
        context.Response.ContentLength = response.Content.Length;
        await context.Response.Body.WriteAsync(response.Content, context.RequestAborted);
    }
}
