using System.Collections.Concurrent;

namespace Coffer.Sip.Transactions;

/// <summary>
/// The completed non-INVITE server transactions of a layer, each until its timer J (RFC 3261 §17.2.2), under one
/// timer for all: J is the same for every transaction of a layer, so they expire in the order they completed and a
/// queue is the timer wheel — a busy registrar holds tens of thousands of them at once.
/// </summary>
internal sealed class CompletedServerTransactions : IDisposable
{
    private readonly ConcurrentDictionary<string, CompletedServerTransaction> _byKey = new();
    private readonly Queue<CompletedServerTransaction> _byDue = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private bool _armed;

    public CompletedServerTransactions(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Count => _byKey.Count;

    /// <summary>Keeps the transaction for <paramref name="j"/> from now.</summary>
    public void Add(CompletedServerTransaction completed, TimeSpan j)
    {
        lock (_gate)
        {
            completed.Due = _time.GetTimestamp() + (long)(j.TotalSeconds * _time.TimestampFrequency);
            _byKey[completed.Key] = completed;
            _byDue.Enqueue(completed);
            if (!_armed)
            {
                _armed = true;
                _timer.Change(j, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public bool TryGet(string key, out CompletedServerTransaction completed) => _byKey.TryGetValue(key, out completed!);

    private void Expire()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            while (_byDue.TryPeek(out var head) && head.Due <= now)
            {
                _byDue.Dequeue();
                _byKey.TryRemove(new KeyValuePair<string, CompletedServerTransaction>(head.Key, head));
                head.Terminate();
            }
            _armed = _byDue.TryPeek(out var next);
            if (next is not null)
            {
                _timer.Change(_time.GetElapsedTime(now, next.Due), Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
