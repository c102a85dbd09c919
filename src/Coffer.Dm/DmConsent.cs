using Coffer.SyncML.Dm;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// Asks the user before a transfer (seed 004 §5.2.2; OMA-TS-DM_Protocol-V1_2 §10.2, Alert 1101 "confirm or reject"
/// with MINDT/MAXDT): the text names the estimated bytes and warns on a roaming connection. The Alert's Status is the
/// answer: 200 establish, 304 reject, 214 (or a timeout) defer.
/// </summary>
internal static class DmConsent
{
    public const string Roaming = "roaming";

    public static async Task AskAsync(DmSessionContext context, DmJob job, CancellationToken ct)
    {
        var bytes = await EstimateAsync(context, job, ct).ConfigureAwait(false);
        var what = job.Kind == DmJobKind.Backup ? "back up this device's settings and data" : "restore settings and data onto this device";
        var size = bytes > 0 ? $"about {bytes} bytes" : "a size not known yet";
        var text = $"Coffer wants to {what}: {size}.";
        if (context.State.Connection == Roaming)
        {
            text += " You are roaming: this transfer may cost you money.";
        }

        var alert = new AlertCommand { Code = DmAlertCode.Confirm };
        alert.Items.Add(new Item { Data = ItemData.FromText($"MINDT={context.Options.ConsentMinSeconds}&MAXDT={context.Options.ConsentMaxSeconds}") });
        alert.Items.Add(new Item { Data = ItemData.FromText(text) });
        var cmdId = context.Reply.Command(alert, text.Length);
        context.State.Outstanding[cmdId] = "consent";
        context.State.Phase = DmPhase.Consent;
        await context.SaveJobAsync(job with { State = DmJobState.Asked, Attempts = job.Attempts + 1 }, $"asked ({size}{(context.State.Connection == Roaming ? ", roaming" : string.Empty)})", ct).ConfigureAwait(false);
    }

    /// <summary>Takes the device's answer; true when the transfer may start.</summary>
    public static async Task<bool> DecideAsync(DmSessionContext context, DmJob job, int code, CancellationToken ct)
    {
        switch (code)
        {
            case StatusCode.Ok:
                await context.SaveJobAsync(job with { State = DmJobState.Running }, "established", ct).ConfigureAwait(false);
                return true;
            case StatusCode.NotModified:
                await context.SaveJobAsync(job with { State = DmJobState.Rejected }, "rejected", ct).ConfigureAwait(false);
                return false;
            default:
                var deferrals = job.Decisions.Count(d => d.Decision.StartsWith("deferred", StringComparison.Ordinal)) + 1;
                var label = code == StatusCode.OperationCancelled ? "deferred" : $"deferred (status {code})";
                if (deferrals > context.Options.MaxDeferrals)
                {
                    await context.SaveJobAsync(job with { State = DmJobState.Failed }, label + ": no retries left", ct).ConfigureAwait(false);
                }
                else
                {
                    await context.SaveJobAsync(job with { State = DmJobState.Deferred, NextAttempt = context.Now + context.Options.DeferralDelay }, label, ct).ConfigureAwait(false);
                }

                return false;
        }
    }

    private static async Task<long> EstimateAsync(DmSessionContext context, DmJob job, CancellationToken ct)
    {
        if (job.Kind == DmJobKind.Restore && job.SourceSnapshot is { } id)
        {
            return (await context.Uow.DmSnapshots.GetAsync(id, ct).ConfigureAwait(false))?.Bytes ?? 0;
        }

        var last = await context.Uow.DmSnapshots.ListAsync(context.State.DeviceId, ct).ConfigureAwait(false);
        return last.Count > 0 ? last[0].Bytes : 0;
    }
}
