using System.Diagnostics;
using System.Xml.Linq;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Metrics;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// The OMA DS 1.2 server engine: takes one SyncML message, applies it in one storage transaction together with the
/// session state and the cached reply, and returns the reply. Nothing about a session lives in memory between
/// messages, so a restart or another node can take the next one (docs/sync-engine.md).
/// </summary>
public sealed class SyncEngine
{
    public const string XmlContentType = "application/vnd.syncml+xml";
    public const string WbxmlContentType = "application/vnd.syncml+wbxml";

    private readonly ICofferStore store;
    private readonly ContentHandlers handlers;
    private readonly SyncServerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CredentialCache credentialCache;
    private readonly DeviceInfoCache deviceInfoCache = new();

    public SyncEngine(ICofferStore store, ContentHandlers handlers, SyncServerOptions options, TimeProvider time, ILogger<SyncEngine> logger)
    {
        this.store = store;
        this.handlers = handlers;
        this.options = options;
        this.time = time;
        this.logger = logger;
        credentialCache = new CredentialCache(time);
    }

    public async Task<SyncResponse> HandleAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var startCpu = CofferMetrics.MessageCpuNow();
        var startIo = logger.IsEnabled(LogLevel.Debug) ? DiskReadCounters.Thread() : null;
        var wbxml = request.ContentType.Contains("wbxml", StringComparison.OrdinalIgnoreCase);
        CofferMetrics.MessageReceived(request.Body.Length);
        if (!wbxml && !request.ContentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"Unsupported content type '{request.ContentType}': send {XmlContentType} or {WbxmlContentType}.");
        }

        SyncMLMessage message;
        XDocument? doc = null;
        try
        {
            doc = wbxml ? WbxmlDecoder.Decode(request.Body.Span) : SyncMLXml.LoadXDocument(request.Body);
            message = SyncMLXml.Read(doc);
        }
        catch (SyncMLFormatException ex)
        {
            // A readable envelope with bad commands inside is answered command by command (400 each); only a body
            // that is not SyncML at all gets HTTP 400.
            var salvaged = doc == null ? null : TolerantMessageReader.TryRead(doc);
            if (salvaged == null)
            {
                logger.LogWarning("Rejected unparseable SyncML message from {Remote} (session token {Token}): {Reason}", request.RemoteAddress, request.SessionToken, ex.Message);
                return Fail("Malformed SyncML message: " + ex.Message);
            }

            logger.LogWarning("SyncML message from {Remote} (session token {Token}) has malformed commands: {Reason}", request.RemoteAddress, request.SessionToken, ex.Message);
            message = salvaged;
        }

        try
        {
            var response = await ProcessAsync(message, wbxml, request, cancellationToken);
            CofferMetrics.MessageSent(response.Body.Length);
            return response;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            CofferMetrics.MessageProcessed(elapsed, wbxml);
            var threadCpu = CofferMetrics.MessageCpuUsed(startCpu, wbxml);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                // Disk reads only make sense for a message that stayed on one thread, as the thread CPU does.
                var io = threadCpu != null && startIo is { } io0 && DiskReadCounters.Thread() is { } io1
                    ? $"{io1.MajorFaults - io0.MajorFaults} major page faults, {(io1.SectorsRead - io0.SectorsRead) / 2} KiB read from disk"
                    : "disk reads unmeasured";
                logger.LogDebug(
                    "Message {MsgId} (client session {SessionId}) handled in {Elapsed} ms, {ThreadCpu} ms CPU on its thread, {DiskReads}",
                    message.Header.MsgID,
                    message.Header.SessionID,
                    Math.Round(elapsed.TotalMilliseconds, 2),
                    threadCpu is { } t ? Math.Round(t.TotalMilliseconds, 2) : "unmeasured",
                    io);
            }
        }

        static SyncResponse Fail(string reason)
        {
            CofferMetrics.SessionEnded(SyncSessionOutcome.BadRequest);
            return SyncResponse.BadRequest(reason);
        }
    }

    private async Task<SyncResponse> ProcessAsync(SyncMLMessage message, bool wbxml, SyncRequest request, CancellationToken ct)
    {
        var msgId = message.Header.MsgID?.Trim() ?? string.Empty;
        await using var uow = await store.BeginAsync(ct);

        SessionRecord? record = null;
        if (!string.IsNullOrEmpty(request.SessionToken))
        {
            record = await uow.Sessions.GetAsync(request.SessionToken, ct);
            if (record != null)
            {
                // A resent message (same session, same MsgID) gets the identical reply and is not applied again
                // (OMA-TS-DS_Protocol-V1_2 §6.1: the client repeats a message whose response it did not receive).
                var cached = await uow.Sessions.GetReplyAsync(record.Token, msgId, ct);
                if (cached != null)
                {
                    logger.LogInformation("Session {Token}: message {MsgId} resent, answering from the reply cache", Short(record.Token), msgId);
                    return new SyncResponse(200, cached.Body, cached.ContentType);
                }
            }
        }

        using var processor = new MessageProcessor(uow, handlers, options, time, logger, credentialCache, deviceInfoCache, message, wbxml, request);
        var outcome = await processor.RunAsync(record, ct);

        var bytes = Encode(outcome.Reply, wbxml);
        var contentType = wbxml ? WbxmlContentType : XmlContentType;
        if (outcome.Token != null)
        {
            await uow.Sessions.PutReplyAsync(outcome.Token, msgId, new CachedReply(bytes, contentType), ct);
        }

        await uow.CommitAsync(ct);
        processor.RecordMetrics();
        return new SyncResponse(200, bytes, contentType);
    }

    internal static byte[] Encode(SyncMLMessage reply, bool wbxml)
    {
        if (!wbxml)
        {
            return SyncMLXml.ToUtf8Bytes(reply);
        }

        XDocument doc = SyncMLXml.ToXDocument(reply);
        return WbxmlEncoder.Encode(doc);
    }

    internal static string Short(string token) => token.Length > 8 ? token[..8] : token;
}
