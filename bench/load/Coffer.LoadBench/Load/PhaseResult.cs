namespace Coffer.LoadBench.Load;

/// <summary>What one phase measured. Latencies are message round trips in milliseconds, sorted.</summary>
public sealed record PhaseResult(
    string Phase,
    int Phones,
    int Sessions,
    int Errors,
    TimeSpan Wall,
    double[] Latencies,
    double? ServerCpuSeconds,
    double BenchCpuSeconds,
    string LoadAverage,
    IReadOnlyList<string> ErrorSamples,
    int Retried = 0)
{
    public int Messages => Latencies.Length;

    public double SessionsPerSecond => Sessions / Wall.TotalSeconds;

    public double MessagesPerSecond => Messages / Wall.TotalSeconds;

    /// <summary>Server CPU over the phase's wall time; 200 % is both cores of the benchmark machine.</summary>
    public double? ServerCpuPercent => ServerCpuSeconds / Wall.TotalSeconds * 100;

    /// <summary>Nearest-rank percentile (p in 0..100); 0 when nothing was measured.</summary>
    public double Percentile(double p)
    {
        if (Latencies.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100 * Latencies.Length);
        return Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)];
    }
}
