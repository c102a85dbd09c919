namespace Coffer.Storage;

/// <summary>
/// A store whose reads may come from a streaming replica of the primary's database (docs/operations.md, "Reads from the
/// standby"): <see cref="BeginReadAsync"/> goes to the replica inside a <see cref="ReplicaReads.Allow"/> scope, and
/// everything else — every read-write unit of work, every read outside such a scope — to the primary. A replica that
/// cannot be reached, or has not replayed the primary's schema yet, is skipped for <see cref="RetryAfter"/> and the
/// read served by the primary: a lagging or missing mirror makes pages slower, never wrong about access or missing.
/// </summary>
public sealed class ReplicaRoutingStore(ICofferStore primary, ICofferStore replica, TimeProvider time) : ICofferStore
{
    /// <summary>How long a replica that failed is left alone before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private long skipUntilTicks;
    private long replicaReads;
    private long fallbackReads;

    /// <summary>The primary: writes, and reads that must see every acknowledged write.</summary>
    public ICofferStore Primary => primary;

    /// <summary>Reads served by the replica and by the primary in its stead since the start (for metrics and tests).</summary>
    public long ReplicaReadCount => Interlocked.Read(ref replicaReads);

    public long FallbackReadCount => Interlocked.Read(ref fallbackReads);

    public DataKeyRing KeyRing => primary.KeyRing;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => primary.InitializeAsync(cancellationToken);

    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) => primary.BeginAsync(cancellationToken);

    public async Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default)
    {
        if (!ReplicaReads.AreAllowed)
        {
            return await primary.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (time.GetUtcNow().UtcTicks >= Interlocked.Read(ref skipUntilTicks))
        {
            try
            {
                await replica.InitializeAsync(cancellationToken).ConfigureAwait(false);
                var unit = await replica.BeginReadAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref replicaReads);
                return unit;
            }
            catch (Exception ex) when (ex is StorageException || replica.IsTransient(ex))
            {
                Interlocked.Exchange(ref skipUntilTicks, (time.GetUtcNow() + RetryAfter).UtcTicks);
            }
        }

        Interlocked.Increment(ref fallbackReads);
        return await primary.BeginReadAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IntegrityReport> CheckIntegrityAsync(CancellationToken cancellationToken = default) => primary.CheckIntegrityAsync(cancellationToken);

    public bool IsTransient(Exception exception) => primary.IsTransient(exception);

    public async ValueTask DisposeAsync()
    {
        await replica.DisposeAsync().ConfigureAwait(false);
        await primary.DisposeAsync().ConfigureAwait(false);
    }
}
