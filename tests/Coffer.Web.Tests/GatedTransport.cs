using Coffer.Agent.Protocol;

namespace Coffer.Web.Tests;

/// <summary>
/// The agent's real HTTP transport, held before its <c>pauseBefore</c>-th message until the test releases it: the
/// sync is under way, with the earlier messages applied, for as long as the test looks at it.
/// </summary>
public sealed class GatedTransport(ISyncTransport inner, int pauseBefore) : ISyncTransport
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int posted;

    /// <summary>Completes when the held message is about to be sent.</summary>
    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

    public async Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref posted) == pauseBefore)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }

        return await inner.PostAsync(url, body, contentType, cancellationToken);
    }
}
