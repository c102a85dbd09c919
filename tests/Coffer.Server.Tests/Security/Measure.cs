using System.Diagnostics;

namespace Coffer.Server.Tests.Security;

/// <summary>Process-wide measurements; the server runs in this process, so the suite runs alone (<see cref="SecuritySuite"/>).</summary>
public static class Measure
{
    /// <summary>Bytes allocated by every thread of the process while <paramref name="work"/> ran.</summary>
    public static async Task<long> AllocatedBytesAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await work();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    /// <summary>The median wall time of <paramref name="runs"/> runs of <paramref name="work"/>, in milliseconds.</summary>
    public static async Task<double> MedianMillisecondsAsync(int runs, Func<Task> work)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
