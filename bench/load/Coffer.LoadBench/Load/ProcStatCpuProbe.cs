using System.Globalization;

namespace Coffer.LoadBench.Load;

/// <summary>
/// utime + stime of a local process from /proc/PID/stat (fields 14 and 15, proc(5)), which covers every thread.
/// Ticks are USER_HZ, 100 on Linux (the kernel's ABI value, whatever CONFIG_HZ is), so the resolution is 10 ms.
/// </summary>
public sealed class ProcStatCpuProbe(int pid) : IServerCpuProbe
{
    private const double TicksPerSecond = 100;

    public async Task<double?> ReadSecondsAsync(CancellationToken ct)
    {
        string stat;
        try
        {
            stat = await File.ReadAllTextAsync($"/proc/{pid}/stat", ct);
        }
        catch (IOException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }
}
