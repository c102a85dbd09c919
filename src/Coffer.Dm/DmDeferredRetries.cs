using Coffer.Storage;

namespace Coffer.Dm;

/// <summary>
/// The server's side of "the server retries" (seed 004 §5.2.2, §5.2.4: a deferred task waits until the server
/// initiates a new session): deferred jobs whose time has come are made pending again, and their devices are named
/// so the host can send each a new package 0. The job is offered at the device's next session either way.
/// </summary>
public sealed class DmDeferredRetries(ICofferStore store, TimeProvider time)
{
    /// <summary>The decision logged when a deferred job is offered again.</summary>
    public const string OfferedAgain = "offered again";

    /// <summary>At most this many jobs per call; the rest wait for the next.</summary>
    public const int Batch = 500;

    /// <summary>Makes the due deferred jobs pending again; returns their devices, each once.</summary>
    public async Task<IReadOnlyList<long>> TakeDueAsync(CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        var due = await uow.DmJobs.DeferredDueAsync(Batch, ct).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        foreach (var job in due)
        {
            await uow.DmJobs.UpdateAsync(job with { State = DmJobState.Pending, Decisions = [.. job.Decisions, new DmDecision(now, OfferedAgain)] }, ct).ConfigureAwait(false);
        }

        await uow.CommitAsync(ct).ConfigureAwait(false);
        return due.Select(j => j.DeviceId).Distinct().ToList();
    }
}
