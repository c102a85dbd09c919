using System.Runtime.InteropServices;

namespace Coffer.Server.Metrics;

/// <summary>
/// CPU time of the calling thread, in nanoseconds: clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux (exact, not
/// tick-sampled); null on other systems. A message is handled on one thread from start to end (storage calls
/// complete synchronously), so the difference is that message's own CPU, without what other threads (tiered JIT, timers,
/// other sessions) burn at the same time.
/// </summary>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static readonly LinuxCall Call = new();

    public static long? NowNanoseconds() =>
        Call.Try<long>(() => ClockGetTime(ClockThreadCpuTimeId, out var now) == 0 ? (now.Seconds * 1_000_000_000) + now.Nanoseconds : null);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
