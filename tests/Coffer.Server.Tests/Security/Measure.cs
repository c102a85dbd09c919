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
}
