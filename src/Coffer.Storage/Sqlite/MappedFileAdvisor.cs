using System.Runtime.InteropServices;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// Tells Linux that SQLite's memory maps of the database are read at random (<c>madvise(MADV_RANDOM)</c>), as LMDB
/// does for its map with MDB_NORDAHEAD. Without it, a page fault on a page the OS does not hold reads the whole
/// read-around window around it: <c>read_ahead_kb</c> of the disk, 8 MiB on the bench machine. A B-tree lookup wants
/// one page, and a two-way sync of 15 changes at 100,000 contacts met 1–2 such faults, reading 2.5–11 MB and spending
/// 2–5 ms of CPU on them (bench/README.md (b)). With the advice a fault reads just its page.
/// SQLite does not expose its map, and each pooled connection maps the file itself (again when the file has grown),
/// so the maps are found in <c>/proc/self/maps</c>, at most once a second, when a connection is opened.
/// Linux only; a no-op elsewhere and when the map is off.
/// </summary>
internal sealed class MappedFileAdvisor(string databasePath)
{
    private const int MadvRandom = 1;
    private const long RescanMilliseconds = 1000;
    private static bool unavailable = !OperatingSystem.IsLinux();
    private long nextScan = long.MinValue;

    /// <summary>How many map regions of the database the last scan advised (for tests and diagnostics).</summary>
    public int LastAdvised { get; private set; }

    public void AdviseIfDue()
    {
        var now = Environment.TickCount64;
        var due = Interlocked.Read(ref nextScan);
        if (unavailable || now < due || Interlocked.CompareExchange(ref nextScan, now + RescanMilliseconds, due) != due)
        {
            return;
        }

        try
        {
            LastAdvised = AdviseAll();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Only a performance hint: without /proc or libc, SQLite works as before.
            unavailable = true;
        }
    }

    private int AdviseAll()
    {
        var advised = 0;
        using var maps = new StreamReader("/proc/self/maps");
        while (maps.ReadLine() is { } line)
        {
            // "start-end perms offset dev inode    path"
            if (!line.EndsWith(databasePath, StringComparison.Ordinal) || line.Length == databasePath.Length)
            {
                continue;
            }

            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash <= 0 || space <= dash
                || !ulong.TryParse(line.AsSpan(0, dash), System.Globalization.NumberStyles.HexNumber, null, out var start)
                || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), System.Globalization.NumberStyles.HexNumber, null, out var end)
                || line[line.Length - databasePath.Length - 1] != ' ')
            {
                continue;
            }

            if (Madvise((nint)start, (nuint)(end - start), MadvRandom) == 0)
            {
                advised++;
            }
        }

        return advised;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
