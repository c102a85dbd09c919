using Coffer.Dm;
using Coffer.SyncML;
using Coffer.SyncML.Dm;
using Microsoft.AspNetCore.Http.Features;

namespace Coffer.Server.Dm;

/// <summary>
/// POST /dm (docs/device-management.md "Wire contract"): decodes the DM message (XML or WBXML by Content-Type), hands
/// it to the session engine, and answers in the same representation. Wiring only: 415 for another content type,
/// 413 for a body beyond the limit, 400 for a body that is not SyncML; every SyncML answer is a 200.
/// </summary>
public static class DmEndpoint
{
    public static async Task HandleAsync(HttpContext context, DmSessionEngine engine, DmServerOptions dm, CofferServerOptions options, ILoggerFactory loggers)
    {
        var request = context.Request;
        if (!DmMessageCodec.IsDm(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        // A client sends at most the server's MaxMsgSize; twice that leaves room for its encoding overhead.
        var limit = 2 * dm.MaxMsgSize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var wbxml = DmMessageCodec.IsWbxml(request.ContentType);
        SyncMLMessage message;
        try
        {
            message = DmMessageCodec.Decode(body.GetBuffer().AsSpan(0, (int)body.Length), request.ContentType, limit);
        }
        catch (Exception ex) when (ex is SyncMLFormatException or System.Xml.XmlException or FormatException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Not a DM message: " + ex.Message, context.RequestAborted);
            return;
        }

        var token = request.Query["s"].FirstOrDefault();
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var hmac = DmHmacHeader.TryParse(request.Headers[DmHmacHeader.HeaderName].FirstOrDefault(), out var parsed) ? parsed : null;
        var dmRequest = new DmRequest(message, token, EndpointUrl(context, options), remote) { Hmac = hmac, Body = body.ToArray(), Wbxml = wbxml };
        var reply = await engine.HandleAsync(dmRequest, context.RequestAborted);
        if (reply.Refused)
        {
            loggers.CreateLogger("Coffer.Dm").LogWarning("DM credentials refused (client {Client}, from {Remote})", message.Header.Source?.LocName, remote);
        }

        var bytes = reply.Bytes;
        if (reply.Hmac != null)
        {
            // The server's MAC of its own message in an HMAC session (OMA-TS-DM_Security-V1_2 §5.5.2).
            context.Response.Headers[DmHmacHeader.HeaderName] = reply.Hmac;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = wbxml ? DmMessageCodec.WbxmlContentType : DmMessageCodec.XmlContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>The URL devices reach /dm at (the configured public URL behind a proxy), for RespURI and enrollment.</summary>
    public static string EndpointUrl(HttpContext context, CofferServerOptions options)
    {
        if (!string.IsNullOrEmpty(options.PublicUrl))
        {
            return options.PublicUrl.TrimEnd('/') + CofferServerHost.DmPath;
        }

        var r = context.Request;
        return $"{r.Scheme}://{r.Host}{r.PathBase}{CofferServerHost.DmPath}";
    }
}
