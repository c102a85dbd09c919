using System.Runtime.InteropServices;
using Coffer.Sync.Metrics;

namespace Coffer.Server.Metrics;

/// <summary>
/// Disk reads waited for so far, from getrusage: major page faults (a page of a mapped file, such as SQLite's
/// memory-mapped database, that was not in the OS cache) and 512-byte sectors read, which also counts reads no fault
/// shows (a <c>pread</c>, or a partial-page write into a file page the kernel had dropped). Linux only; null
/// elsewhere. The per-message Debug log line uses the calling thread's (it tells CPU spent in the kernel on cold
/// reads from the engine's own work); the in-process bench uses the whole process's.
/// </summary>
public static class DiskReadCounters
{
    private const int RusageSelf = 0;
    private const int RusageThread = 1;
    private static readonly LinuxCall Call = new();

    /// <summary>The calling thread's disk reads so far.</summary>
    public static DiskReads? Thread() => Read(RusageThread);

    /// <summary>The whole process's disk reads so far (its threads, not its children).</summary>
    public static DiskReads? Process() => Read(RusageSelf);

    private static DiskReads? Read(int who) =>
        Call.Try<DiskReads>(() => GetRusage(who, out var usage) == 0 ? new DiskReads(usage.MajorFaults, usage.BlocksIn) : null);

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out RUsage usage);

    // struct rusage on 64-bit Linux: two struct timeval, then 14 longs in this order.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentKilobytes;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlocksIn;
        public long BlocksOut;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
