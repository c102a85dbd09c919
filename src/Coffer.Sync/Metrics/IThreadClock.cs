namespace Coffer.Sync.Metrics;

/// <summary>
/// Per-thread measurements the host can offer the engine (on Linux: clock_gettime and getrusage of the calling
/// thread); the engine itself makes no system calls for them. Null where a value is not available.
/// </summary>
public interface IThreadClock
{
    /// <summary>CPU time the calling thread has used, in nanoseconds.</summary>
    long? CpuNanoseconds();

    /// <summary>Disk reads the calling thread has waited for so far.</summary>
    DiskReads? DiskReads();
}
