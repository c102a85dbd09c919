using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>Hands each command of the client's message to the part that applies it, in message order.</summary>
internal sealed class CommandDispatcher : IDisposable
{
    private readonly MessageContext ctx;
    private readonly DeviceInfoExchange devInf;
    private readonly AlertHandler alerts;
    private readonly ClientChanges changes;
    private readonly ClientStatuses statuses;
    private readonly MapHandler maps;

    public CommandDispatcher(MessageContext ctx, EngineServices services, DeviceInfoExchange devInf)
    {
        this.ctx = ctx;
        this.devInf = devInf;
        alerts = new AlertHandler(ctx, services.Options, services.Time, devInf);
        changes = new ClientChanges(ctx, services, devInf);
        statuses = new ClientStatuses(ctx);
        maps = new MapHandler(ctx);
    }

    public void Dispose() => changes.Dispose();

    public async Task DispatchAsync(IEnumerable<SyncMLCommand> commands, CancellationToken ct)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case StatusCommand s:
                    await statuses.HandleAsync(s, ct);
                    break;
                case AlertCommand a:
                    await alerts.HandleAsync(a, ct);
                    break;
                case PutCommand p:
                    await devInf.HandlePutAsync(p, ct);
                    break;
                case GetCommand g:
                    devInf.HandleGet(g);
                    break;
                case ResultsCommand r:
                    await devInf.HandleResultsAsync(r, ct);
                    break;
                case SyncCommand s:
                    await changes.HandleSyncAsync(s, ct);
                    break;
                case MapCommand m:
                    await maps.HandleAsync(m, ct);
                    break;
                case MalformedCommand bad:
                    ctx.RespondMalformed(bad);
                    break;
                case SequenceCommand seq:
                    ctx.Respond(seq, StatusCode.Ok);
                    await DispatchAsync(seq.Commands, ct);
                    break;
                default:
                    // Atomic, Exec, Search, Copy, Move outside a Sync are optional features Coffer does not offer
                    // (OMA-TS-SyncML_RepPro-V1_2 §10 status 406 "Optional feature not supported").
                    ctx.Respond(command, StatusCode.OptionalFeatureNotSupported);
                    ctx.Logger.LogWarning("{Session}: unsupported top-level command {Cmd}", ctx.Describe(), command.ElementName);
                    break;
            }
        }
    }
}
