namespace Coffer.Sync.Metrics;

/// <summary>No per-thread measurements: the thread CPU counter and the Debug line's disk reads stay unmeasured.</summary>
public sealed class NoThreadClock : IThreadClock
{
    public static NoThreadClock Instance { get; } = new();

    public long? CpuNanoseconds() => null;

    public DiskReads? DiskReads() => null;
}
