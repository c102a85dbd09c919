using System.Runtime.InteropServices;

namespace Coffer.SyncBench;

/// <summary>
/// This process's disk reads so far, from getrusage(RUSAGE_SELF): major page faults (a mapped page of the database
/// that was not in the OS cache) and 512-byte sectors read (ru_inblock), which also counts reads no fault shows, such
/// as a partial-page write into a file page the kernel had dropped. -1 off Linux.
/// </summary>
internal static class PageFaults
{
    private const int RusageSelf = 0;

    public static (long Major, long BlocksIn) Now() =>
        OperatingSystem.IsLinux() && GetRusage(RusageSelf, out var u) == 0 ? (u.MajorFaults, u.BlocksIn) : (-1, -1);

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out RUsage usage);

    // struct rusage on 64-bit Linux: two timevals, then 14 longs (ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ...).
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
