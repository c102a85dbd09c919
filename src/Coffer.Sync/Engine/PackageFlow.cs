using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Moves the session through its packages (OMA-TS-DS_Protocol-V1_2 §5) once a message's commands are applied: the end
/// of the client's changes starts the server's package, an acknowledged part of it continues it, the client's last
/// Map and statuses complete the session.
/// </summary>
internal sealed class PackageFlow(MessageContext ctx, EngineServices services, DeviceInfoExchange devInf)
{
    private readonly ServerPackageBuilder serverPackage = new(ctx, services, devInf);

    /// <summary>This message completed the session (anchors committed).</summary>
    public bool Completed { get; private set; }

    public async Task AdvanceAsync(CancellationToken ct)
    {
        var state = ctx.State;
        var body = ctx.Reply.Message.Body;
        var final = ctx.Message.Body.Final;
        if (!state.ClientChangesDone && state.Datastores.Count > 0 && !AlertsOnly())
        {
            // Package 3: the client's modifications, possibly over several messages.
            if (final && state.Incoming == null)
            {
                state.ClientChangesDone = true;
                await new RefreshFromClientSweep(ctx, services.Options.PageSize).RunAsync(ct);
                await serverPackage.FillAsync(ct);
            }
        }
        else if (state.ClientChangesDone && !state.ServerPackageDone)
        {
            // The client acknowledged part of our package 4 (statuses and usually Alert 222): continue it.
            await serverPackage.FillAsync(ct);
        }
        else if (state.ServerPackageDone)
        {
            // Package 5 (map, statuses) ends the session with its Final; package 6 answers it.
            if (final)
            {
                body.Final = true;
                await new SessionCompletion(ctx, services.Time, services.Metrics, services.Options.StorageArea.Generations).CompleteAsync(ct);
                Completed = true;
            }
        }
        else if (final)
        {
            // Package 1 (initialization) complete: package 2 is this reply.
            body.Final = true;
        }

        // A recipient with nothing to send for a message without Final asks for the next one
        // (OMA-TS-DS_Protocol-V1_2 §6.4 "Multiple Messages in Package": Alert 222).
        if (!body.Final && ctx.Reply.HasOnlyHeaderStatus && !final)
        {
            AddNextMessageAlert();
        }
    }

    /// <summary>True while the session is still in initialization (the client has sent only Alerts so far).</summary>
    private bool AlertsOnly()
    {
        var commands = ctx.Message.Body.Commands;
        return !commands.Any(c => c is SyncCommand or MapCommand) && commands.Any(c => c is AlertCommand a && a.Code is >= 200 and <= 210 or 225);
    }

    private void AddNextMessageAlert()
    {
        var alert = new AlertCommand { Code = AlertCode.NextMessage };
        alert.Items.Add(new Item
        {
            Target = new SyncLocation(ctx.Header.Source?.LocURI ?? string.Empty),
            Source = new SyncLocation(ctx.Header.Target?.LocURI ?? ctx.EndpointUrl),
        });
        ctx.Reply.Add(alert, 300);
    }
}
