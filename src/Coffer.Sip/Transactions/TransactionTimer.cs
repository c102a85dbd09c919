namespace Coffer.Sip.Transactions;

/// <summary>One named timer of a transaction, on the layer's TimeProvider (so tests run in simulated time).</summary>
internal sealed class TransactionTimer(TimeProvider time, Action fired) : IDisposable
{
    private ITimer? _timer;

    public TimeSpan Interval { get; private set; }

    public void Start(TimeSpan after)
    {
        Stop();
        Interval = after;
        _timer = time.CreateTimer(_ => fired(), null, after, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    public void Dispose() => Stop();
}
