using Coffer.SyncML.Dm;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// Handles the commands of one client message in order and then decides the server's next commands from the session's
/// phase and the device's due job.
/// </summary>
internal sealed class DmMessageHandler(DmSessionContext context)
{
    private const string ConsentMarker = "consent";

    private DmSessionState State => context.State;

    public async Task HandleAsync(CancellationToken ct)
    {
        if (State.JobId is { } jobId)
        {
            context.Job = await context.Uow.DmJobs.GetAsync(jobId, ct).ConfigureAwait(false);
        }

        var aborted = false;
        foreach (var command in context.Request.Body.Commands)
        {
            switch (command)
            {
                case StatusCommand status:
                    await TakeStatusAsync(status, ct).ConfigureAwait(false);
                    break;
                case AlertCommand alert:
                    aborted |= await TakeAlertAsync(alert, ct).ConfigureAwait(false);
                    break;
                case ReplaceCommand replace when State.Phase == DmPhase.Idle:
                    TakeDeviceInfo(replace);
                    context.Reply.Status(replace, StatusCode.Ok);
                    break;
                case ResultsCommand results:
                    context.Reply.Status(results, await TakeResultsAsync(results, ct).ConfigureAwait(false));
                    break;
                default:
                    // A DM client does not manage the server (OMA-TS-DM_Protocol-V1_2 §6.1: the client answers commands).
                    context.Reply.Status(command, StatusCode.CommandNotAllowed);
                    break;
            }
        }

        if (aborted)
        {
            State.Phase = DmPhase.Ended;
            context.Reply.SetFinal(true);
            return;
        }

        await NextAsync(ct).ConfigureAwait(false);
    }

    private async Task TakeStatusAsync(StatusCommand status, CancellationToken ct)
    {
        if (status.CmdRef == "0")
        {
            // The client's challenge for the server's next credential (OMA-TS-DM_Security-V1_2 §5.3).
            if (status.Chal?.Meta?.NextNonce is { } nonce)
            {
                await context.Uow.DmAccounts.SetClientNonceAsync(State.DeviceId, nonce, ct).ConfigureAwait(false);
            }

            if (status.Code is StatusCode.InvalidCredentials or StatusCode.MissingCredentials)
            {
                State.Phase = DmPhase.Ended;
            }

            return;
        }

        if (status.CmdRef == null)
        {
            return;
        }

        if (State.Outstanding.TryGetValue(status.CmdRef, out var what))
        {
            if (what == ConsentMarker)
            {
                State.Outstanding.Remove(status.CmdRef);
                await DecideAsync(status.Code, ct).ConfigureAwait(false);
            }
            else if (what == DmBackupLabel.Marker)
            {
                State.Outstanding.Remove(status.CmdRef);
                await NameAsync(status, ct).ConfigureAwait(false);
            }
            else if (what == DmRestoreChoice.Marker)
            {
                State.Outstanding.Remove(status.CmdRef);
                await ChooseAsync(status, ct).ConfigureAwait(false);
            }
            else if (status.Code is < 200 or >= 300)
            {
                // A Get the device refused: that node stays out of the backup.
                DmBackupWalk.Refused(State, status.CmdRef);
                if (State.Phase == DmPhase.Firmware)
                {
                    await PlanRestoreAsync(string.Empty, ct).ConfigureAwait(false);
                }
            }

            return;
        }

        DmRestoreRun.TakeStatus(State, status);
    }

    private async Task<bool> TakeAlertAsync(AlertCommand alert, CancellationToken ct)
    {
        switch (alert.Code)
        {
            case DmAlertCode.ClientInitiatedMgmt:
                State.ClientInitiated = true;
                context.Reply.Status(alert, StatusCode.Ok);
                return false;
            case DmAlertCode.ServerInitiatedMgmt:
            case DmAlertCode.NextMessage:
                context.Reply.Status(alert, StatusCode.Ok);
                return false;
            case DmAlertCode.SessionAbort:
                context.Reply.Status(alert, StatusCode.Ok);
                if (context.Job is { IsOpen: true } job)
                {
                    await context.SaveJobAsync(job with { State = DmJobState.Failed }, "aborted by the device", ct).ConfigureAwait(false);
                }

                return true;
            default:
                context.Reply.Status(alert, StatusCode.OptionalFeatureNotSupported);
                return false;
        }
    }

    private void TakeDeviceInfo(ReplaceCommand replace)
    {
        foreach (var item in replace.Items)
        {
            var value = item.Data?.Text ?? string.Empty;
            switch (item.Source?.LocURI ?? item.Target?.LocURI)
            {
                case "./DevInfo/Man": State.Manufacturer = value; break;
                case "./DevInfo/Mod": State.Model = value; break;
                case "./DevDetail/Ext/Coffer/Connection": State.Connection = value; break;
            }
        }
    }

    private async Task<int> TakeResultsAsync(ResultsCommand results, CancellationToken ct)
    {
        if (State.Phase == DmPhase.Walk)
        {
            return await DmBackupWalk.TakeAsync(context, results, ct).ConfigureAwait(false);
        }

        if (State.Phase == DmPhase.Firmware)
        {
            if (results.CmdRef != null)
            {
                State.Outstanding.Remove(results.CmdRef);
            }

            await PlanRestoreAsync(results.Items.FirstOrDefault()?.Data?.Text ?? string.Empty, ct).ConfigureAwait(false);
            return StatusCode.Ok;
        }

        return StatusCode.CommandNotAllowed;
    }

    private async Task DecideAsync(int code, CancellationToken ct)
    {
        if (context.Job is not { } job)
        {
            State.Phase = DmPhase.Idle;
            return;
        }

        if (!await DmConsent.DecideAsync(context, job, code, ct).ConfigureAwait(false))
        {
            State.Phase = DmPhase.Ended;
            return;
        }

        if (job.Kind == DmJobKind.Backup)
        {
            if (!DmBackupLabel.Ask(context))
            {
                DmBackupWalk.Start(State);
            }
        }
        else
        {
            DmRestoreRun.Start(context);
        }
    }

    private async Task PlanRestoreAsync(string firmware, CancellationToken ct)
    {
        if (context.Job is not { } job)
        {
            return;
        }

        if (!await DmRestoreRun.PlanAsync(context, job, firmware, ct).ConfigureAwait(false))
        {
            await context.SaveJobAsync(job with { State = DmJobState.Failed }, "no backup to restore", ct).ConfigureAwait(false);
            State.Phase = DmPhase.Ended;
            return;
        }

        DmRestoreChoice.Ask(context);
    }

    private async Task NameAsync(StatusCommand status, CancellationToken ct)
    {
        if (context.Job is not { } job)
        {
            State.Phase = DmPhase.Ended;
            return;
        }

        if (!DmBackupLabel.Take(State, status, out var decision))
        {
            await context.SaveJobAsync(job with { State = DmJobState.Rejected }, decision, ct).ConfigureAwait(false);
            State.Phase = DmPhase.Ended;
            return;
        }

        await context.SaveJobAsync(job, decision, ct).ConfigureAwait(false);
        DmBackupWalk.Start(State);
    }

    private async Task ChooseAsync(StatusCommand status, CancellationToken ct)
    {
        if (context.Job is not { } job)
        {
            State.Phase = DmPhase.Ended;
            return;
        }

        if (!DmRestoreChoice.Take(State, status, out var decision))
        {
            await context.SaveJobAsync(job with { State = DmJobState.Rejected }, decision, ct).ConfigureAwait(false);
            State.Phase = DmPhase.Ended;
            return;
        }

        await context.SaveJobAsync(job, decision, ct).ConfigureAwait(false);
    }

    private async Task NextAsync(CancellationToken ct)
    {
        var final = true;
        switch (State.Phase)
        {
            case DmPhase.Idle:
                var job = await context.Uow.DmJobs.DueAsync(State.DeviceId, ct).ConfigureAwait(false);
                if (job == null)
                {
                    State.Phase = DmPhase.Ended;
                    break;
                }

                State.JobId = job.Id;
                context.Job = job;
                await DmConsent.AskAsync(context, job, ct).ConfigureAwait(false);
                break;
            case DmPhase.Walk:
                if (State.Incoming != null)
                {
                    // The rest of a large object is coming: ask for the next message (OMA-TS-DM_Protocol-V1_2 §8.7).
                    context.Reply.Command(new AlertCommand { Code = DmAlertCode.NextMessage });
                    break;
                }

                DmBackupWalk.SendGets(context);
                if (DmBackupWalk.IsComplete(State))
                {
                    var report = await DmBackupWalk.StoreAsync(context, ct).ConfigureAwait(false);
                    await FinishAsync(report, ct).ConfigureAwait(false);
                }

                break;
            case DmPhase.Restore:
                final = DmRestoreRun.Send(context);
                if (DmRestoreRun.IsComplete(State) && context.Job is { } restore)
                {
                    await FinishAsync(DmRestoreRun.Report(State, restore), ct).ConfigureAwait(false);
                }

                break;
            case DmPhase.Closing:
                State.Phase = DmPhase.Ended;
                break;
        }

        if (!context.Request.Body.Final && !context.Reply.HasCommands && State.Phase != DmPhase.Ended)
        {
            context.Reply.Command(new AlertCommand { Code = DmAlertCode.NextMessage });
        }

        context.Reply.SetFinal(final);
    }

    private async Task FinishAsync(DmJobReport report, CancellationToken ct)
    {
        if (context.Job is { } job)
        {
            await context.SaveJobAsync(job with { State = DmJobState.Done, Report = report.ToJson() }, null, ct).ConfigureAwait(false);

            // The user sees the outcome (seed 004 §5.2.5; Alert 1100 "display", OMA-TS-DM_Protocol-V1_2 §10.2.1);
            // the device's Status for it ends the session.
            var text = job.Kind == DmJobKind.Backup
                ? $"Coffer backed up this device: {report.Nodes} nodes."
                : $"Coffer restored this device: {report.Entries.Count(e => e.Outcome == DmReportEntry.Restored)} restored, {report.Entries.Count(e => e.Outcome == DmReportEntry.Skipped)} skipped, {report.Entries.Count(e => e.Outcome == DmReportEntry.Failed)} failed.";
            var alert = new AlertCommand { Code = DmAlertCode.Display };
            alert.Items.Add(new Item { Data = ItemData.FromText($"MINDT={context.Options.ConsentMinSeconds}") });
            alert.Items.Add(new Item { Data = ItemData.FromText(text) });
            context.Reply.Command(alert, text.Length);
            State.Phase = DmPhase.Closing;
            return;
        }

        State.Phase = DmPhase.Ended;
    }
}
