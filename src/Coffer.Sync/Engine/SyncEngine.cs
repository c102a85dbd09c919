using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Coffer.Storage;
using Coffer.Sync.Auth;
using Coffer.Sync.Content;
using Coffer.Sync.Metrics;
using Coffer.Sync.Progress;
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

    private const string NonceSecretName = "md5-nonce";

    private readonly ICofferStore store;
    private readonly ContentHandlers handlers;
    private readonly SyncServerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Authenticator authenticator;
    private readonly CofferMetrics metrics;
    private readonly SyncProgress? progress;
    private readonly DeviceInfoCache deviceInfoCache = new();
    private readonly SemaphoreSlim nonceInit = new(1, 1);
    private Md5Nonces? nonces;
    private EngineServices? services;

    /// <summary>How often a message is handled when the database fails it transiently (waits 0.5, 1, 2 and 4 s between).</summary>
    public const int TransientAttempts = 5;

    public SyncEngine(ICofferStore store, ContentHandlers handlers, SyncServerOptions options, TimeProvider time, ILogger<SyncEngine> logger, ILoginThrottle? throttle = null, CofferMetrics? metrics = null, PasswordVerifier? verifier = null, SyncProgress? progress = null)
    {
        this.progress = progress;
        this.metrics = metrics ?? new CofferMetrics();
        this.store = store;
        this.handlers = handlers;
        this.options = options;
        this.time = time;
        this.logger = logger;
        authenticator = new Authenticator(options, verifier ?? new PasswordVerifier(time, this.metrics), throttle ?? NoLoginThrottle.Instance);
    }

    public async Task<SyncResponse> HandleAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        // A message whose transaction the database cut off (a restart, a failover to the standby) is handled again
        // from its bytes: nothing of it was committed, and the node reconnects to whichever database accepts writes.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await HandleOnceAsync(request, cancellationToken);
            }
            catch (Exception ex) when (attempt < TransientAttempts && store.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Message from {Remote}: the database failed ({Reason}); handling it again ({Attempt} of {Attempts})", request.RemoteAddress, LogRedaction.Reason(ex.Message), attempt + 1, TransientAttempts);
                await Task.Delay(TimeSpan.FromMilliseconds(500 << (attempt - 1)), time, cancellationToken);
            }
        }
    }

    private async Task<SyncResponse> HandleOnceAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var startCpu = metrics.MessageCpuNow();
        var startIo = logger.IsEnabled(LogLevel.Debug) ? metrics.ThreadClock.DiskReads() : null;
        var wbxml = request.ContentType.Contains("wbxml", StringComparison.OrdinalIgnoreCase);
        metrics.MessageReceived(request.Body.Length);
        if (!wbxml && !request.ContentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"Unsupported content type '{request.ContentType}': send {XmlContentType} or {WbxmlContentType}.");
        }

        SyncMLMessage message;
        XDocument? doc = null;
        try
        {
            doc = Load(request.Body, wbxml, headerOnly: false);
            message = SyncMLXml.Read(doc);
        }
        catch (SyncMLFormatException ex) when (ex.LimitExceeded)
        {
            // Over a limit: the header alone is read, to answer it with 413 (OMA-TS-SyncML_RepPro-V1_2 §10).
            var headerOnly = TryLoadHeader(request.Body, wbxml);
            logger.LogWarning("Refused a SyncML message from {Remote} over a limit: {Reason}", request.RemoteAddress, ex.Message);
            metrics.SessionEnded(SyncSessionOutcome.BadRequest);
            return headerOnly == null
                ? SyncResponse.Text(413, "SyncML message over a limit: " + ex.Message)
                : Encode(HeaderReply.Build(headerOnly, request.EndpointUrl, StatusCode.RequestEntityTooLarge, null, ex.Message), wbxml);
        }
        catch (SyncMLFormatException ex)
        {
            // A readable envelope with bad commands inside is answered command by command (400 each); only a body
            // that is not SyncML at all gets HTTP 400.
            var salvaged = doc == null ? null : TolerantMessageReader.TryRead(doc);
            if (salvaged == null)
            {
                logger.LogWarning("Rejected unparseable SyncML message from {Remote}: {Reason}", request.RemoteAddress, LogRedaction.Reason(ex.Message));
                return Fail("Malformed SyncML message: " + ex.Message);
            }

            logger.LogWarning("SyncML message from {Remote} has malformed commands: {Reason}", request.RemoteAddress, LogRedaction.Reason(ex.Message));
            message = salvaged;
        }

        doc = null;
        try
        {
            var response = await ScreenAndProcessAsync(message, wbxml, request, cancellationToken);
            metrics.MessageSent(response.Content.Length);
            return response;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.MessageProcessed(elapsed, wbxml);
            var threadCpu = metrics.MessageCpuUsed(startCpu, wbxml);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                // Disk reads only make sense for a message that stayed on one thread, as the thread CPU does.
                var io = threadCpu != null && startIo is { } io0 && metrics.ThreadClock.DiskReads() is { } io1
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

        SyncResponse Fail(string reason)
        {
            metrics.SessionEnded(SyncSessionOutcome.BadRequest);
            return SyncResponse.BadRequest(reason);
        }
    }

    /// <summary>
    /// A short, stable label of a session token for logs and metrics: the first 8 hex digits of its SHA-256. The token
    /// itself is a bearer secret and never appears in a log.
    /// </summary>
    public static string SessionLabel(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)).AsSpan(0, 4));

    private async Task<SyncResponse> ScreenAndProcessAsync(SyncMLMessage message, bool wbxml, SyncRequest request, CancellationToken ct)
    {
        // Checks of the message as a whole come before any credential is looked at: they cost nothing to answer.
        if (MessageScreen.TooMany(message, options.MaxCommandsPerMessage) is { } tooMany)
        {
            logger.LogWarning("Refused a SyncML message from {Remote}: {Reason}", request.RemoteAddress, tooMany);
            metrics.SessionEnded(SyncSessionOutcome.BadRequest);
            return Encode(HeaderReply.Build(message, request.EndpointUrl, StatusCode.RequestEntityTooLarge, null, tooMany), wbxml);
        }

        if (MessageScreen.DuplicateCmdId(message) is { } duplicate)
        {
            logger.LogWarning("Refused a SyncML message from {Remote}: {Reason}", request.RemoteAddress, duplicate);
            metrics.SessionEnded(SyncSessionOutcome.BadRequest);
            return Encode(HeaderReply.Build(message, request.EndpointUrl, StatusCode.BadRequest, null, duplicate), wbxml);
        }

        return await ProcessAsync(message, wbxml, request, ct);
    }

    private async Task<SyncResponse> ProcessAsync(SyncMLMessage message, bool wbxml, SyncRequest request, CancellationToken ct)
    {
        var msgId = message.Header.MsgID?.Trim() ?? string.Empty;
        var md5 = await NoncesAsync(ct);
        var token = string.IsNullOrEmpty(request.SessionToken) ? null : request.SessionToken;
        SessionRecord? record = null;
        Login? login = null;

        // Who sent it is settled with reads only; the write lock is taken once that is known (Authenticator).
        await using (var read = await store.BeginReadAsync(ct))
        {
            record = token == null ? null : await read.Sessions.GetAsync(token, ct);
            if (record != null)
            {
                var state = SessionStateSerializer.Deserialize(record.State);
                if (await authenticator.CheckSessionAsync(read, state, message.Header, request.RemoteAddress, md5, ct) is { } refusal)
                {
                    return Refuse(message, wbxml, request, refusal, $"session {SessionLabel(record.Token)} of user {state.UserName}");
                }

                // A resent message (same session, same MsgID) gets the identical reply and is not applied again
                // (OMA-TS-DS_Protocol-V1_2 §6.1: the client repeats a message whose response it did not receive).
                if (await read.Sessions.GetReplyAsync(record.Token, msgId, ct) is { } cached)
                {
                    logger.LogInformation("Session {Session}: message {MsgId} resent, answering from the reply cache", SessionLabel(record.Token), msgId);
                    return new SyncResponse(200, cached.Body, cached.ContentType);
                }
            }
            else
            {
                var outcome = await authenticator.LoginAsync(read, message.Header, request.RemoteAddress, md5, ct);
                if (outcome.Refusal is { } refusal)
                {
                    return Refuse(message, wbxml, request, refusal, "login");
                }

                login = outcome.Login;
                if (login!.User.Disabled)
                {
                    return Refuse(message, wbxml, request, AccountDisabled, "login");
                }
            }
        }

        await using var uow = await store.BeginAsync(ct);
        if (record != null)
        {
            // Read again under the write lock: another message of the session may have been applied meanwhile.
            record = await uow.Sessions.GetAsync(record.Token, ct);
            if (record == null)
            {
                return Encode(HeaderReply.Build(message, request.EndpointUrl, StatusCode.NotFound, null, "the session has expired; start a new one"), wbxml);
            }

            if (await uow.Sessions.GetReplyAsync(record.Token, msgId, ct) is { } cached)
            {
                return new SyncResponse(200, cached.Body, cached.ContentType);
            }
        }

        using var processor = new MessageProcessor(Services(md5), uow, message, request);
        MessageOutcome? result;
        try
        {
            result = await processor.RunAsync(record, login, wbxml, ct);
        }
        catch (AccountDisabledException)
        {
            // Disabled while the session ran: it ends here, nothing of this message is committed.
            progress?.End(SessionLabel(record!.Token), "refused");
            return Refuse(message, wbxml, request, AccountDisabled, "session");
        }

        if (result == null)
        {
            // Another login of the device spent the same md5 nonce first: this one is a replay (nothing is committed).
            var fresh = md5.Challenge(Md5Nonces.NameKey(login!.User.Name), login.DeviceId, login.LoginCount + 1);
            return Refuse(message, wbxml, request, new LoginRefusal(StatusCode.InvalidCredentials, Metrics.AuthFailure.StaleNonce, "md5 nonce already used", SyncML.Auth.AuthTypes.Md5, fresh), "login");
        }

        var response = Encode(result.Reply, wbxml);
        if (result.Token != null)
        {
            await uow.Sessions.PutReplyAsync(result.Token, msgId, new CachedReply(response.Content, response.ContentType), ct);
        }

        await uow.CommitAsync(ct);
        processor.RecordMetrics();
        if (progress != null)
        {
            processor.RecordProgress(progress, request.Body.Length, response.Content.Length);
        }

        return response;
    }

    private static LoginRefusal AccountDisabled { get; } = new(StatusCode.Forbidden, Metrics.AuthFailure.Disabled, "account disabled by an administrator");

    private SyncResponse Refuse(SyncMLMessage message, bool wbxml, SyncRequest request, LoginRefusal refusal, string what)
    {
        var chal = refusal.ChalType == null
            ? null
            : new Chal { Meta = new MetInf { Type = refusal.ChalType, Format = SyncML.Auth.AuthTypes.FormatB64, NextNonce = refusal.Nonce == null ? null : Md5Nonces.ToNextNonce(refusal.Nonce) } };

        // What the client reads never tells an unknown user from a wrong password; the log does.
        var shown = refusal.Reason switch
        {
            Metrics.AuthFailure.Missing => "credentials required",
            Metrics.AuthFailure.Throttled => "too many failed logins; retry later",
            Metrics.AuthFailure.StaleNonce => "authenticate again with the new nonce",
            Metrics.AuthFailure.Disabled => "this account is disabled; ask the server's administrator",
            _ when refusal.Code == StatusCode.BadRequest => refusal.LogReason,
            _ => "invalid credentials",
        };
        var level = refusal.Reason is Metrics.AuthFailure.Missing or Metrics.AuthFailure.StaleNonce ? LogLevel.Information : LogLevel.Warning;
        logger.Log(
            level,
            "Refused {What} of device {Device} (client session {SessionId}) from {Remote}: {Reason} (status {Code})",
            what,
            message.Header.Source?.LocURI,
            message.Header.SessionID,
            request.RemoteAddress,
            refusal.LogReason,
            refusal.Code);
        metrics.AuthFailed(refusal.Reason);
        metrics.SessionEnded(SyncSessionOutcome.AuthFailed);
        return new SyncResponse(200, EncodeBytes(HeaderReply.Build(message, request.EndpointUrl, refusal.Code, chal, shown), wbxml), wbxml ? WbxmlContentType : XmlContentType)
        {
            Delay = refusal.Delayed ? options.FailedLoginDelay : TimeSpan.Zero,
        };
    }

    private EngineServices Services(Md5Nonces md5) =>
        services ??= new EngineServices(handlers, options, time, logger, md5, metrics, deviceInfoCache);

    private async Task<Md5Nonces> NoncesAsync(CancellationToken ct)
    {
        if (nonces != null)
        {
            return nonces;
        }

        await nonceInit.WaitAsync(ct);
        try
        {
            if (nonces == null)
            {
                await using var uow = await store.BeginAsync(ct);
                var secret = await uow.Secrets.GetOrCreateAsync(NonceSecretName, 32, ct);
                await uow.CommitAsync(ct);
                nonces = new Md5Nonces(secret, options.NonceLifetime, time);
            }

            return nonces;
        }
        finally
        {
            nonceInit.Release();
        }
    }

    private XDocument Load(ReadOnlyMemory<byte> body, bool wbxml, bool headerOnly)
    {
        var limit = (int)Math.Min(int.MaxValue, options.RequestLimit);
        return wbxml
            ? WbxmlDecoder.Decode(body.Span, new WbxmlOptions
            {
                MaxInputSize = limit,
                MaxElements = options.MaxElementsPerMessage,
                MaxTextLength = options.MaxDecodedChars > 0 ? options.MaxDecodedChars : 2 * options.MaxMsgSize,
                HeaderOnly = headerOnly,

                // A photo's chunk in Format bin is read as the bytes it is, never as a string.
                ItemDataAsBytes = true,
            })
            : SyncMLXml.LoadXDocument(body, new SyncMLReadOptions { MaxMessageBytes = limit, MaxElements = options.MaxElementsPerMessage, HeaderOnly = headerOnly });
    }

    private SyncMLMessage? TryLoadHeader(ReadOnlyMemory<byte> body, bool wbxml)
    {
        try
        {
            return TolerantMessageReader.TryReadHeader(Load(body, wbxml, headerOnly: true));
        }
        catch (SyncMLFormatException)
        {
            return null;
        }
    }

    private static SyncResponse Encode(SyncMLMessage reply, bool wbxml) =>
        wbxml
            ? new(200, WbxmlEncoder.EncodeRented(SyncMLXml.ToXDocument(reply)), WbxmlContentType)
            : new(200, SyncMLXml.ToUtf8Bytes(reply), XmlContentType);

    internal static byte[] EncodeBytes(SyncMLMessage reply, bool wbxml)
    {
        if (!wbxml)
        {
            return SyncMLXml.ToUtf8Bytes(reply);
        }

        XDocument doc = SyncMLXml.ToXDocument(reply);
        return WbxmlEncoder.Encode(doc);
    }
}
