using Coffer.Storage;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// A real store whose next <see cref="FailuresLeft"/> units of work fail as a database failover fails them (before
/// anything is written), so the engine's handling of transient failures runs against real storage.
/// </summary>
public sealed class FlakyStore(ICofferStore inner) : ICofferStore
{
    public int FailuresLeft { get; set; }

    public int Failed { get; private set; }

    public DataKeyRing KeyRing => inner.KeyRing;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            Failed++;
            throw new FailoverException();
        }

        return inner.BeginAsync(cancellationToken);
    }

    public Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) => inner.BeginReadAsync(cancellationToken);

    public Task<IntegrityReport> CheckIntegrityAsync(CancellationToken cancellationToken = default) => inner.CheckIntegrityAsync(cancellationToken);

    public bool IsTransient(Exception exception) => exception is FailoverException || inner.IsTransient(exception);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public sealed class FailoverException() : Exception("the database is failing over");
}
