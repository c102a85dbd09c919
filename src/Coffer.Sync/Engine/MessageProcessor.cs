using System.Globalization;
using Coffer.Storage;
using Coffer.Sync.Auth;
using Coffer.Sync.Content;
using Coffer.Sync.Metrics;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Applies one client message inside one unit of work and builds the reply. The package flow follows
/// OMA-TS-DS_Protocol-V1_2 §5 (packages 1–6): sync initialization (Alerts), the client's modifications, the
/// server's modifications (possibly over several messages), then map and final statuses.
/// </summary>
internal sealed partial class MessageProcessor : IDisposable
{
    private readonly IUnitOfWork uow;
    private readonly ContentHandlers handlers;
    private readonly SyncServerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Md5Nonces nonces;
    private readonly CofferMetrics metrics;
    private readonly DeviceInfoCache deviceInfoCache;
    private readonly SyncMLMessage message;
    private readonly SyncRequest request;
    private readonly string msgId;

    private SessionState state = new();
    private string? token;
    private ReplyBuilder reply = null!;
    private UserAccount user = null!;
    private Device device = null!;
    private DeviceInfo? deviceInfo;
    private bool deviceInfoLoaded;
    private SyncSessionOutcome? sessionOutcome;
    private IdentityKeyHasher? identityKeys;
    private string? origin;

    public MessageProcessor(
        IUnitOfWork uow,
        ContentHandlers handlers,
        SyncServerOptions options,
        TimeProvider time,
        ILogger logger,
        Md5Nonces nonces,
        CofferMetrics metrics,
        DeviceInfoCache deviceInfoCache,
        SyncMLMessage message,
        bool wbxml,
        SyncRequest request)
    {
        this.uow = uow;
        this.handlers = handlers;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.nonces = nonces;
        this.metrics = metrics;
        this.deviceInfoCache = deviceInfoCache;
        this.message = message;
        this.request = request;
        msgId = message.Header.MsgID?.Trim() ?? string.Empty;
        state.Wbxml = wbxml;
    }

    private string Origin => origin ??= "device:" + device.Id.ToString(CultureInfo.InvariantCulture);

    private SyncHdr Header => message.Header;

    public void Dispose() => identityKeys?.Dispose();

    /// <summary>The twin-detection key of a normalized identity string under this user's secret (Coffer.Storage.IdentityKey).</summary>
    private byte[] IdentityKeyOf(string normalizedKey) => (identityKeys ??= new IdentityKeyHasher(user.IdentitySecret)).Compute(normalizedKey);

    /// <summary>
    /// Applies the message: a later message of the session <paramref name="record"/>, or the first one of a session
    /// for <paramref name="login"/>. Null when the login lost a race for its md5 nonce (nothing may be committed).
    /// </summary>
    public async Task<MessageOutcome?> RunAsync(SessionRecord? record, Login? login, CancellationToken ct)
    {
        if (record != null)
        {
            token = record.Token;
            state = SessionStateSerializer.Deserialize(record.State);
            user = await uow.Users.GetAsync(state.UserId, ct) ?? throw new InvalidOperationException("session user vanished");
            device = await uow.Devices.GetByIdAsync(state.DeviceRowId, ct) ?? throw new InvalidOperationException("session device vanished");
        }
        else
        {
            state.ClientSessionId = Header.SessionID?.Trim() ?? string.Empty;
            state.DeviceId = Header.Source?.LocURI?.Trim() ?? string.Empty;
            state.Version = message.Version switch
            {
                SyncMLVersion.V1_0 => "1.0",
                SyncMLVersion.V1_1 => "1.1",
                _ => "1.2",
            };
        }

        reply = new ReplyBuilder(NewReplyMessage(), ClientMaxMsgSize());
        if (record == null)
        {
            if (!await StartSessionAsync(login ?? throw new ArgumentNullException(nameof(login)), ct))
            {
                return null;
            }

            var created = await uow.Sessions.CreateAsync(user.Id, device.Id, [], options.SessionLifetime, ct);
            token = created.Token;
            reply.Message.Header.RespURI = RespUri();
        }
        else
        {
            reply.Message.Header.RespURI = RespUri();
            reply.AddStatus(msgId, "0", "SyncHdr", StatusCode.Ok, Header.Target?.LocURI, Header.Source?.LocURI);
        }

        if (state.Completed)
        {
            // A new message after the session ended: answer politely, change nothing (§6.1: the session is over).
            reply.Message.Body.Final = true;
            await SaveAsync(ct);
            return new MessageOutcome(reply.Message, token);
        }

        metrics.SessionActive(SyncEngine.SessionLabel(token!));
        UpdateLimits();
        await DispatchAsync(message.Body.Commands, ct);
        await AdvancePackagesAsync(ct);
        state.LastClientMsgId = msgId;
        await SaveAsync(ct);
        return new MessageOutcome(reply.Message, token);
    }

    public void RecordMetrics()
    {
        if (sessionOutcome is { } outcome)
        {
            metrics.SessionEnded(outcome, token == null ? null : SyncEngine.SessionLabel(token));
        }

        metrics.ForgetIdleSessions(options.SessionLifetime);
    }

    private SyncMLMessage NewReplyMessage()
    {
        var msg = new SyncMLMessage { Version = message.Version };
        msg.Header.VerDTD = Header.VerDTD ?? (message.Version == SyncMLVersion.V1_1 ? "1.1" : "1.2");
        msg.Header.VerProto = Header.VerProto ?? (message.Version == SyncMLVersion.V1_1 ? "SyncML/1.1" : "SyncML/1.2");
        msg.Header.SessionID = Header.SessionID;
        msg.Header.MsgID = state.NextServerMsgId.ToString(CultureInfo.InvariantCulture);
        state.NextServerMsgId++;
        msg.Header.Target = new SyncLocation(Header.Source?.LocURI ?? string.Empty, Header.Source?.LocName);
        msg.Header.Source = new SyncLocation(Header.Target?.LocURI ?? request.EndpointUrl);
        msg.Header.Meta = new MetInf { MaxMsgSize = options.MaxMsgSize, MaxObjSize = options.MaxObjSize };
        return msg;
    }

    private long ClientMaxMsgSize()
    {
        var announced = Header.Meta?.MaxMsgSize;
        if (announced is > 0)
        {
            state.ClientMaxMsgSize = announced.Value;
        }

        return state.ClientMaxMsgSize > 0 ? Math.Min(state.ClientMaxMsgSize, options.MaxMsgSize) : options.DefaultClientMaxMsgSize;
    }

    private void UpdateLimits()
    {
        if (Header.Meta?.MaxObjSize is > 0)
        {
            state.ClientMaxObjSize = Header.Meta.MaxObjSize;
        }
    }

    private string RespUri()
    {
        var sep = request.EndpointUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return request.EndpointUrl + sep + "s=" + Uri.EscapeDataString(token!);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await uow.Sessions.UpdateAsync(token!, user.Id, device.Id, SessionStateSerializer.Serialize(state), options.SessionLifetime, ct);
    }

    private async Task DispatchAsync(IEnumerable<SyncMLCommand> commands, CancellationToken ct)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case StatusCommand s:
                    await HandleStatusAsync(s, ct);
                    break;
                case AlertCommand a:
                    await HandleAlertAsync(a, ct);
                    break;
                case PutCommand p:
                    await HandlePutAsync(p, ct);
                    break;
                case GetCommand g:
                    HandleGet(g);
                    break;
                case ResultsCommand r:
                    await HandleResultsAsync(r, ct);
                    break;
                case SyncCommand s:
                    await HandleSyncAsync(s, ct);
                    break;
                case MapCommand m:
                    await HandleMapAsync(m, ct);
                    break;
                case MalformedCommand bad:
                    RespondMalformed(bad);
                    break;
                case SequenceCommand seq:
                    Respond(seq, StatusCode.Ok);
                    await DispatchAsync(seq.Commands, ct);
                    break;
                default:
                    // Atomic, Exec, Search, Copy, Move outside a Sync are optional features Coffer does not offer
                    // (OMA-TS-SyncML_RepPro-V1_2 §10 status 406 "Optional feature not supported").
                    Respond(command, StatusCode.OptionalFeatureNotSupported);
                    logger.LogWarning("{Session}: unsupported top-level command {Cmd}", Describe(), command.ElementName);
                    break;
            }
        }
    }

    /// <summary>Answers a command with a Status unless the client asked for none (NoResp, §5.1.12).</summary>
    private StatusCommand? Respond(SyncMLCommand command, int code, string? targetRef = null, string? sourceRef = null)
    {
        if (command.NoResp)
        {
            return null;
        }

        return reply.AddStatus(msgId, command.CmdID, command.ElementName, code, targetRef, sourceRef);
    }

    /// <summary>
    /// OMA-TS-SyncML_RepPro-V1_2 §10: 400 "malformed syntax in the command". A Status is never answered with a Status
    /// (§6.6.17), so a malformed one is only logged.
    /// </summary>
    private void RespondMalformed(MalformedCommand bad)
    {
        logger.LogWarning("{Session}: malformed {Cmd} (CmdID {CmdId}): {Reason}", Describe(), bad.ElementName, bad.CmdID, bad.Reason);
        if (bad.ElementName != "Status")
        {
            Respond(bad, StatusCode.BadRequest);
        }
    }

    /// <summary>Moves the session through its packages once the message's commands are applied.</summary>
    private async Task AdvancePackagesAsync(CancellationToken ct)
    {
        var final = message.Body.Final;
        if (!state.ClientChangesDone && state.Datastores.Count > 0 && !AlertsOnly())
        {
            // Package 3: the client's modifications, possibly over several messages.
            if (final && state.Incoming == null)
            {
                state.ClientChangesDone = true;
                await FinishClientChangesAsync(ct);
                await FillServerPackageAsync(ct);
            }
        }
        else if (state.ClientChangesDone && !state.ServerPackageDone)
        {
            // The client acknowledged part of our package 4 (statuses and usually Alert 222): continue it.
            await FillServerPackageAsync(ct);
        }
        else if (state.ServerPackageDone)
        {
            // Package 5 (map, statuses) ends the session with its Final; package 6 answers it.
            if (final)
            {
                reply.Message.Body.Final = true;
                await CompleteAsync(ct);
            }
        }
        else if (final)
        {
            // Package 1 (initialization) complete: package 2 is this reply.
            reply.Message.Body.Final = true;
        }

        // A recipient with nothing to send for a message without Final asks for the next one
        // (OMA-TS-DS_Protocol-V1_2 §6.4 "Multiple Messages in Package": Alert 222).
        if (!reply.Message.Body.Final && reply.HasOnlyHeaderStatus && !final)
        {
            AddNextMessageAlert();
        }
    }

    /// <summary>True while the session is still in initialization (the client has sent only Alerts so far).</summary>
    private bool AlertsOnly() =>
        !message.Body.Commands.Any(c => c is SyncCommand or MapCommand) && message.Body.Commands.Any(c => c is AlertCommand a && a.Code is >= 200 and <= 210 or 225);

    private void AddNextMessageAlert()
    {
        var alert = new AlertCommand { Code = AlertCode.NextMessage };
        alert.Items.Add(new Item
        {
            Target = new SyncLocation(Header.Source?.LocURI ?? string.Empty),
            Source = new SyncLocation(Header.Target?.LocURI ?? request.EndpointUrl),
        });
        reply.Add(alert, 300);
    }

    private string Describe() =>
        $"user {user?.Name ?? "?"} device {state.DeviceId} session {state.ClientSessionId} ({(token == null ? "-" : SyncEngine.SessionLabel(token))})";

    private async Task<DeviceInfo?> GetDeviceInfoAsync(CancellationToken ct)
    {
        if (!deviceInfoLoaded)
        {
            deviceInfoLoaded = true;
            var fresh = await uow.Devices.GetByIdAsync(device.Id, ct);
            if (fresh?.DevInf is { Length: > 0 } bytes)
            {
                try
                {
                    deviceInfo = deviceInfoCache.GetOrParse(bytes);

                    // Devices send their DevInf once, not every session: large object support (OMA-TS-DS_Protocol-V1_2
                    // §6.10) must come from the stored one too, or a big item goes out whole, over the MaxMsgSize.
                    state.ClientLargeObjects = deviceInfo.SupportLargeObjs;
                }
                catch (SyncMLFormatException ex)
                {
                    logger.LogWarning("{Session}: stored DevInf unreadable: {Reason}", Describe(), ex.Message);
                }
            }
        }

        return deviceInfo;
    }
}
