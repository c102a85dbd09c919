using System.Threading.Channels;
using Coffer.Sip.Location;
using Coffer.Storage;

namespace Coffer.Server.Sip;

/// <summary>
/// Group commit of the registrar's updates: every update waiting when the store is free goes into one transaction,
/// each reading its user's bindings and writing its change in turn, then one commit (one flush) for all; each caller
/// learns its result only after that commit, so a 200 OK never announces a binding that is not durable. Under load
/// the commit cost is shared by the whole batch; alone, an update waits for nothing but its own transaction.
/// </summary>
public sealed class SipBindingCommitQueue : IAsyncDisposable
{
    /// <summary>Bounds one transaction (and the time its locks are held) under a flood.</summary>
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ICofferStore _store;
    private readonly TimeProvider _time;
    private readonly Task _loop;

    public SipBindingCommitQueue(ICofferStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    public Task<IReadOnlyList<SipBinding>?> UpdateAsync(string user, Func<IReadOnlyList<SipBinding>, SipBindingChange?> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var pending = new Pending(user, decide, new TaskCompletionSource<IReadOnlyList<SipBinding>?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SipBindingCommitQueue));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var results = new List<IReadOnlyList<SipBinding>?>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            results.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await using (var uow = await _store.BeginAsync().ConfigureAwait(false))
                {
                    var now = _time.GetUtcNow();
                    foreach (var pending in batch)
                    {
                        results.Add(await ApplyAsync(uow, pending, now).ConfigureAwait(false));
                    }

                    await uow.CommitAsync().ConfigureAwait(false);
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                // Nothing of the batch was committed: every caller hears so (the registrar answers 500).
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<SipBinding>?> ApplyAsync(IUnitOfWork uow, Pending pending, DateTimeOffset now)
    {
        if (await uow.Users.FindByNameAsync(pending.User).ConfigureAwait(false) is not { } account)
        {
            return [];
        }

        var current = (await uow.SipBindings.ListAsync(account.Id, now).ConfigureAwait(false)).Select(StoreSipLocationService.ToBinding).ToList();
        SipBindingChange? change;
        try
        {
            change = pending.Decide(current);
        }
        catch (Exception e)
        {
            // This update alone fails (nothing of it was written); the rest of the batch goes on.
            pending.Done.TrySetException(e);
            return null;
        }

        if (change is null)
        {
            return null;
        }

        if (change.Put.Count == 0 && change.Removed.Count == 0)
        {
            return current;
        }

        foreach (var device in change.Removed)
        {
            await uow.SipBindings.RemoveAsync(account.Id, device).ConfigureAwait(false);
        }

        foreach (var b in change.Put)
        {
            await uow.SipBindings.PutAsync(new StoredSipBinding(account.Id, account.Name, b.Device, b.Contact, b.Received, b.ExpiresAt, b.CallId, b.CSeq, b.Node)).ConfigureAwait(false);
        }

        // The bindings after the change, computed rather than read again: the same rows the store now holds.
        var after = current.Where(b => !change.Removed.Contains(b.Device) && change.Put.All(p => p.Device != b.Device))
            .Concat(change.Put.Select(b => b with { User = account.Name }))
            .OrderBy(b => b.Device, StringComparer.Ordinal)
            .ToList();
        return after;
    }

    private sealed record Pending(string User, Func<IReadOnlyList<SipBinding>, SipBindingChange?> Decide, TaskCompletionSource<IReadOnlyList<SipBinding>?> Done);
}
