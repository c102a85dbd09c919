using Coffer.Agent.Protocol;

namespace Coffer.LoadBench.Load;

/// <summary>Collects message round-trip times from every phone at once; each phase takes what was recorded during it.</summary>
public sealed class LatencyRecorder : IExchangeRecorder
{
    private readonly Lock gate = new();
    private List<double> samples = [];

    public void Record(TimeSpan roundTrip)
    {
        lock (gate)
        {
            samples.Add(roundTrip.TotalMilliseconds);
        }
    }

    /// <summary>The samples so far, in milliseconds, sorted; the recorder starts empty again.</summary>
    public double[] Drain()
    {
        List<double> taken;
        lock (gate)
        {
            taken = samples;
            samples = [];
        }

        var sorted = taken.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
