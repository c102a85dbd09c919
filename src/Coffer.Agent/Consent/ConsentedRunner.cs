using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Consent;

/// <summary>
/// Puts the user's consent before a run's transfer (seed 004 §5.2.5: the device asks for explicit confirmation of the
/// charges, and the session is established, deferred or rejected). On an unmetered connection the run goes ahead,
/// after a run deferred earlier (which goes first unless it is the same run). On a metered or roaming one the bytes
/// are estimated first (a backup with nothing to send opens no session) and nothing is sent unless the answer is
/// establish: <paramref name="ask"/> answers for the
/// policy ask (null: no one to ask, so the run is deferred); a deferral is kept for the next unmetered run.
/// </summary>
public sealed class ConsentedRunner(
    TransferEstimator estimator,
    DeferralFile deferrals,
    ConnectionKind connection,
    MeteredPolicy policy,
    Func<TransferEstimate, ConnectionKind, ConsentAnswer>? ask,
    Func<RunRequest, CancellationToken, Task<RunSummary>> run,
    TimeProvider time)
{
    /// <summary>An <see cref="AgentRunner"/> for the configuration in <paramref name="home"/>, behind consent.</summary>
    public static ConsentedRunner For(
        AgentHome home,
        AgentConfig config,
        string password,
        ISyncTransport transport,
        IRunProgress progress,
        ConnectionKind connection,
        MeteredPolicy policy,
        Func<TransferEstimate, ConnectionKind, ConsentAnswer>? ask,
        TimeProvider time)
    {
        var runner = new AgentRunner(home, config, password, transport, progress) { Time = time };
        return new ConsentedRunner(
            new TransferEstimator(home, config),
            new DeferralFile(home.DeferredFile),
            connection,
            policy,
            ask,
            (request, ct) => runner.RunAsync(request.Mode, request.Datastores, request.RestoreTo, ct),
            time);
    }

    public async Task<RunSummary> RunAsync(RunRequest request, CancellationToken ct)
    {
        if (connection == ConnectionKind.Unmetered)
        {
            return await RunWithDeferredAsync(request, ct).ConfigureAwait(false);
        }

        var estimate = estimator.Estimate(request);
        if (estimate.ItemsToSend == 0 && estimate.BytesToReceive == 0)
        {
            // An incremental backup with nothing to send: no session at all, so nothing to ask about.
            return new RunSummary(request.Command, [], ExitCodes.Ok) { Estimate = estimate };
        }

        var answer = policy switch
        {
            MeteredPolicy.Allow => ConsentAnswer.Establish,
            MeteredPolicy.Deny => ConsentAnswer.Reject,
            MeteredPolicy.Defer => ConsentAnswer.Defer,
            _ => ask?.Invoke(estimate, connection) ?? ConsentAnswer.Defer,
        };
        var on = connection.ToString().ToLowerInvariant();
        switch (answer)
        {
            case ConsentAnswer.Establish:
                var summary = await run(request, ct).ConfigureAwait(false);
                if (summary.ExitCode == ExitCodes.Ok && deferrals.Load() is { } deferred && deferred.Request.SameAs(request))
                {
                    deferrals.Clear();
                }

                return summary with { Estimate = estimate };
            case ConsentAnswer.Defer:
                deferrals.Save(new Deferral(request, time.GetUtcNow(), connection, estimate));
                var why = policy == MeteredPolicy.Ask && ask == null ? "no terminal to ask" : $"policy {policy.ToString().ToLowerInvariant()}";
                return new RunSummary(request.Command, [], ExitCodes.Deferred, $"{request.Describe()} deferred on a {on} connection ({why}; {ByteSize.Describe(estimate)}): it runs on the next unmetered run, or now with --on-metered allow") { Estimate = estimate };
            default:
                return new RunSummary(request.Command, [], ExitCodes.Rejected, $"{request.Describe()} rejected on a {on} connection ({ByteSize.Describe(estimate)}); nothing was sent") { Estimate = estimate };
        }
    }

    private async Task<RunSummary> RunWithDeferredAsync(RunRequest request, CancellationToken ct)
    {
        var deferred = deferrals.Load();
        RunSummary? retried = null;
        if (deferred != null && !deferred.Request.SameAs(request))
        {
            retried = await run(deferred.Request, ct).ConfigureAwait(false);
            if (retried.ExitCode == ExitCodes.Ok)
            {
                deferrals.Clear();
            }
        }

        var summary = await run(request, ct).ConfigureAwait(false);
        if (deferred != null && deferred.Request.SameAs(request) && summary.ExitCode == ExitCodes.Ok)
        {
            deferrals.Clear();
        }

        return retried == null ? summary : summary with { Retried = retried, ExitCode = Math.Max(summary.ExitCode, retried.ExitCode) };
    }
}
