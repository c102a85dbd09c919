using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>What the handlers of one message share: the session, its unit of work, the reply, the job and the clock.</summary>
internal sealed class DmSessionContext(DmSessionState state, IUnitOfWork uow, DmReplyBuilder reply, SyncMLMessage request, string token, DmServerOptions options, TimeProvider time)
{
    public DmSessionState State => state;

    public IUnitOfWork Uow => uow;

    public DmReplyBuilder Reply => reply;

    public SyncMLMessage Request => request;

    public string Token => token;

    public DmServerOptions Options => options;

    public DmJob? Job { get; set; }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>What the reply may hold: the smaller of the client's MaxMsgSize and the server's.</summary>
    public long Budget => Math.Min(options.MaxMsgSize, state.ClientMaxMsgSize > 0 ? state.ClientMaxMsgSize : long.MaxValue);

    public async Task SaveJobAsync(DmJob job, string? decision, CancellationToken ct)
    {
        if (decision != null)
        {
            job = job with { Decisions = [.. job.Decisions, new DmDecision(Now, decision)] };
            await uow.AuditLog.AppendAsync($"dm:{state.ClientName}", "dm.consent", $"device {state.DeviceId}", $"job {job.Id} {job.Kind.ToString().ToLowerInvariant()}: {decision}", ct).ConfigureAwait(false);
        }

        await uow.DmJobs.UpdateAsync(job, ct).ConfigureAwait(false);
        Job = job;
    }
}
