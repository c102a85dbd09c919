using Coffer.Sync.Metrics;

namespace Coffer.Server.Metrics;

/// <summary>The calling thread's CPU clock and disk reads, from libc (<see cref="ThreadCpuClock"/>, <see cref="DiskReadCounters"/>); null off Linux.</summary>
public sealed class LinuxThreadClock : IThreadClock
{
    public long? CpuNanoseconds() => ThreadCpuClock.NowNanoseconds();

    public DiskReads? DiskReads() => DiskReadCounters.Thread();
}
