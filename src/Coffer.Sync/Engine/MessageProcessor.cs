using Coffer.Storage;
using Coffer.Sync.Auth;
using Coffer.Sync.Metrics;
using Coffer.Sync.Progress;
using Coffer.Sync.Sessions;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Applies one client message inside one unit of work and builds the reply (docs/sync-engine.md, "Inside a message"):
/// loads or opens the session, hands the commands to the <see cref="CommandDispatcher"/>, moves the session through its
/// packages (<see cref="PackageFlow"/>, OMA-TS-DS_Protocol-V1_2 §5) and saves the session state.
/// </summary>
internal sealed class MessageProcessor : IDisposable
{
    private readonly EngineServices services;
    private readonly MessageContext ctx;
    private readonly CommandDispatcher dispatcher;
    private readonly PackageFlow flow;

    public MessageProcessor(EngineServices services, IUnitOfWork uow, SyncMLMessage message, SyncRequest request)
    {
        this.services = services;
        ctx = new MessageContext(uow, message, request.EndpointUrl, services.Logger);
        var devInf = new DeviceInfoExchange(ctx, services.DeviceInfos);
        dispatcher = new CommandDispatcher(ctx, services, devInf);
        flow = new PackageFlow(ctx, services, devInf);
    }

    public void Dispose() => dispatcher.Dispose();

    /// <summary>
    /// Applies the message: a later message of the session <paramref name="record"/>, or the first one of a session
    /// for <paramref name="login"/>. Null when the login lost a race for its md5 nonce (nothing may be committed).
    /// </summary>
    public async Task<MessageOutcome?> RunAsync(SessionRecord? record, Login? login, bool wbxml, CancellationToken ct)
    {
        if (record != null)
        {
            await ResumeAsync(record, ct);
        }
        else if (!await OpenAsync(login ?? throw new ArgumentNullException(nameof(login)), wbxml, ct))
        {
            return null;
        }

        var reply = ctx.Reply.Message;
        reply.Header.RespURI = ReplyHeader.RespUri(ctx);
        if (ctx.State.Completed)
        {
            // A new message after the session ended: answer politely, change nothing (§6.1: the session is over).
            reply.Body.Final = true;
            await SaveAsync(ct);
            return new MessageOutcome(reply, ctx.Token);
        }

        services.Metrics.SessionActive(SyncEngine.SessionLabel(ctx.Token!));
        await dispatcher.DispatchAsync(ctx.Message.Body.Commands, ct);
        await flow.AdvanceAsync(ct);
        ctx.State.LastClientMsgId = ctx.MsgId;
        await SaveAsync(ct);
        return new MessageOutcome(reply, ctx.Token);
    }

    public void RecordMetrics()
    {
        if (flow.Completed)
        {
            services.Metrics.SessionEnded(SyncSessionOutcome.Success, ctx.Token == null ? null : SyncEngine.SessionLabel(ctx.Token));
        }

        services.Metrics.ForgetIdleSessions(services.Options.SessionLifetime);
    }

    /// <summary>Publishes the session's progress for the administration pages (once per message, after its commit).</summary>
    public void RecordProgress(SyncProgress progress, long received, long sent)
    {
        // A message after the session's end changes nothing and must not bring it back to life.
        if (ctx.Token != null && (flow.Completed || !ctx.State.Completed))
        {
            progress.Record(SyncEngine.SessionLabel(ctx.Token), ctx.State, ctx.Message, ctx.Reply.Message, received, sent, flow.Completed);
        }
    }

    /// <summary>A later message of a session: its state, user and device from the store; the SyncHdr answered with 200.</summary>
    private async Task ResumeAsync(SessionRecord record, CancellationToken ct)
    {
        ctx.Token = record.Token;
        ctx.State = SessionStateSerializer.Deserialize(record.State);
        ctx.User = await ctx.Uow.Users.GetAsync(ctx.State.UserId, ct) ?? throw new InvalidOperationException("session user vanished");
        if (ctx.User.Disabled)
        {
            throw new AccountDisabledException();
        }

        ctx.Device = await ctx.Uow.Devices.GetByIdAsync(ctx.State.DeviceRowId, ct) ?? throw new InvalidOperationException("session device vanished");
        ctx.Reply = ReplyHeader.Start(ctx, services.Options);
        ctx.Reply.AddStatus(ctx.MsgId, "0", "SyncHdr", StatusCode.Ok, ctx.Header.Target?.LocURI, ctx.Header.Source?.LocURI);
    }

    /// <summary>The first message: a new session for a verified login (the SyncHdr answered with 212).</summary>
    private async Task<bool> OpenAsync(Login login, bool wbxml, CancellationToken ct)
    {
        var state = ctx.State;
        state.ClientSessionId = ctx.Header.SessionID?.Trim() ?? string.Empty;
        state.DeviceId = ctx.Header.Source?.LocURI?.Trim() ?? string.Empty;
        state.Wbxml = wbxml;
        state.Version = ctx.Message.Version switch
        {
            SyncMLVersion.V1_0 => "1.0",
            SyncMLVersion.V1_1 => "1.1",
            _ => "1.2",
        };
        ctx.Reply = ReplyHeader.Start(ctx, services.Options);
        if (!await new SessionOpener(ctx, services.Nonces).OpenAsync(login, ct))
        {
            return false;
        }

        var created = await ctx.Uow.Sessions.CreateAsync(ctx.User.Id, ctx.Device.Id, [], services.Options.SessionLifetime, ct);
        ctx.Token = created.Token;
        return true;
    }

    private Task SaveAsync(CancellationToken ct) =>
        ctx.Uow.Sessions.UpdateAsync(ctx.Token!, ctx.User.Id, ctx.Device.Id, SessionStateSerializer.Serialize(ctx.State), services.Options.SessionLifetime, ct);
}
