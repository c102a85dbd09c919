namespace Coffer.LoadBench.Load;

/// <summary>Counts failed sessions of a phase and keeps the first few messages as a sample.</summary>
public sealed class ErrorLog
{
    private const int SampleSize = 5;
    private readonly Lock gate = new();
    private readonly List<string> samples = [];
    private int count;

    public int Count => Volatile.Read(ref count);

    public IReadOnlyList<string> Samples
    {
        get
        {
            lock (gate)
            {
                return [.. samples];
            }
        }
    }

    public void Add(string phone, string message)
    {
        Interlocked.Increment(ref count);
        lock (gate)
        {
            if (samples.Count < SampleSize)
            {
                samples.Add($"{phone}: {message}");
            }
        }
    }
}
