using System.Collections.Frozen;
using System.Threading.Channels;
using Coffer.Storage;

namespace Coffer.Server.Sync;

/// <summary>
/// The failed-login buckets every node of a store shares (<see cref="ILoginFailureRepository"/>; docs/security.md,
/// "Failed logins"), so that N nodes do not give an attacker N times the attempts. A failure is written to the store in
/// the background, never in the request; which keys are blocked is read back after each batch of failures and every
/// <see cref="RefreshInterval"/>, and kept in memory for <see cref="LoginThrottle"/>'s synchronous checks. A login that
/// succeeds writes nothing. Another node's failures count here within a refresh: until then its attacker has at most
/// the failures one interval allows beyond the allowance.
/// </summary>
public sealed class SharedLoginFailures(ICofferStore store, ILogger<SharedLoginFailures> logger) : BackgroundService
{
    /// <summary>How often the blocked keys are read from the store when this node records no failures: one second.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most buckets the table keeps: 100,000 (a few megabytes); beyond it the least recently failed are forgotten,
    /// so names and addresses sprayed from many addresses cannot grow it without bound.
    /// </summary>
    public const int Capacity = 100_000;

    private readonly Channel<Failure> failures = Channel.CreateUnbounded<Failure>(new UnboundedChannelOptions { SingleReader = true });
    private FrozenSet<string> blocked = FrozenSet<string>.Empty;

    /// <summary>Whether the key used up its allowance on the nodes together, as last read from the store.</summary>
    public bool IsBlocked(string key) => Volatile.Read(ref blocked).Contains(LoginFailureKey.Of(key));

    /// <summary>Queues one failure of <paramref name="key"/> for the store.</summary>
    public void Record(string key, int allowance, TimeSpan window) => failures.Writer.TryWrite(new Failure(key, allowance, window));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WriteQueuedAsync(stoppingToken);
                await using var read = await store.BeginReadAsync(stoppingToken);
                Volatile.Write(ref blocked, (await read.LoginFailures.BlockedAsync(stoppingToken)).ToFrozenSet(StringComparer.Ordinal));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Shared failed logins could not be written or read; will retry");
            }

            using var interval = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            interval.CancelAfter(RefreshInterval);
            try
            {
                await failures.Reader.WaitToReadAsync(interval.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        if (!failures.Reader.TryPeek(out _))
        {
            return;
        }

        // Failures are queued again if the write fails (a failover): they still count once the store is back.
        var batch = new List<Failure>();
        while (failures.Reader.TryRead(out var failure))
        {
            batch.Add(failure);
        }

        try
        {
            await using var uow = await store.BeginAsync(cancellationToken);
            foreach (var failure in batch)
            {
                await uow.LoginFailures.RecordAsync(failure.Key, failure.Allowance, failure.Window, Capacity, cancellationToken);
            }

            await uow.CommitAsync(cancellationToken);
        }
        catch
        {
            foreach (var failure in batch)
            {
                failures.Writer.TryWrite(failure);
            }

            throw;
        }
    }

    private sealed record Failure(string Key, int Allowance, TimeSpan Window);
}
