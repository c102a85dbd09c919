using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// Keeps the database file's pages mapped in this process, so the kernel counts them as in use: a read-only shared
/// map of the file whose page tables are filled (<c>madvise(MADV_POPULATE_READ)</c>, Linux 5.14) once when the store
/// opens (a prewarm, as PostgreSQL's pg_prewarm does for its buffers) and again for each part the file grows by.
/// SQLite reads through its own map of the same file; a page that is mapped here is one its first read finds in
/// memory, however long the store sat idle. The pages stay reclaimable under memory pressure like any file cache.
/// Nothing here is needed for correctness: every failure only leaves pages to be read from disk when used.
/// </summary>
internal sealed class ResidentMap : IDisposable
{
    private const int ProtRead = 1;
    private const int MapShared = 1;
    private const int MadvPopulateRead = 22;
    private const int Einval = 22;
    private const int FcntlFilePointer = 7;

    // Populated a slice at a time so disposal does not wait for a whole prewarm of a large store.
    private const long Slice = 64L << 20;

    private readonly object gate = new();
    private readonly FileInfo file;
    private readonly long limit;
    private nint address;
    private long populated;
    private int pending;
    private int prewarmed;
    private volatile bool stopping;

    private ResidentMap(string path, nint address, long limit)
    {
        file = new FileInfo(path);
        this.address = address;
        this.limit = limit;
    }

    /// <summary>Bytes from the start of the file that are mapped here so far.</summary>
    public long PopulatedBytes => Volatile.Read(ref populated);

    /// <summary>The map's start, for tests that look it up in /proc/self/smaps.</summary>
    internal nint Address => address;

    /// <summary>
    /// Maps up to <paramref name="limit"/> bytes of the database that <paramref name="connection"/> has open at
    /// <paramref name="path"/>; null where that is not possible (not Linux, a limit of 0, or the map refused), in which
    /// case the store simply reads cold pages from disk as before.
    /// </summary>
    public static ResidentMap? TryCreate(SqliteConnection connection, string path, long limit)
    {
        if (!OperatingSystem.IsLinux() || limit <= 0 || SqliteFileDescriptor(connection, path) is not { } fd)
        {
            return null;
        }

        try
        {
            var page = Environment.SystemPageSize;
            var length = (limit + page - 1) / page * page;
            var address = Mmap(0, (nuint)length, ProtRead, MapShared, fd, 0);
            return address == -1 ? null : new ResidentMap(path, address, length);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The background prewarm: completes once the whole file (up to the limit) has been mapped.</summary>
    public Task Prewarmed { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Starts mapping the whole file in the background. Until that is done, commits leave their growth to it, so a request
    /// never ends up reading a cold store in while it holds the write lock.
    /// </summary>
    public void StartPrewarm() => Prewarmed = Task.Run(() =>
    {
        Interlocked.Exchange(ref pending, 1);
        Drain();
        Interlocked.Exchange(ref prewarmed, 1);

        // A commit that saw the prewarm still running set pending and left: its growth is mapped here.
        Drain();
    });

    /// <summary>
    /// After a commit: maps what a checkpoint appended to the file. Cheap when nothing grew (one <c>stat</c>). A commit
    /// that finds another thread at it leaves the work to that thread, which looks at the file's size again before it stops.
    /// </summary>
    public void AfterCommit()
    {
        Interlocked.Exchange(ref pending, 1);
        if (Volatile.Read(ref prewarmed) == 1)
        {
            Drain();
        }
    }

    public void Dispose()
    {
        stopping = true;
        lock (gate)
        {
            if (address != 0)
            {
                _ = Munmap(address, (nuint)limit);
                address = 0;
            }
        }
    }

    private void Drain()
    {
        while (Volatile.Read(ref pending) == 1 && !stopping && Monitor.TryEnter(gate))
        {
            try
            {
                Interlocked.Exchange(ref pending, 0);
                PopulateToEnd();
            }
            finally
            {
                Monitor.Exit(gate);
            }
        }
    }

    private void PopulateToEnd()
    {
        while (!stopping && address != 0)
        {
            file.Refresh();
            var size = file.Exists ? Math.Min(file.Length, limit) : 0;
            var page = Environment.SystemPageSize;
            if (size < populated)
            {
                // The file shrank (VACUUM): what grows back past the new end is new to the map.
                Volatile.Write(ref populated, size / page * page);
                return;
            }

            if (size == populated)
            {
                return;
            }

            var length = Math.Min(size - populated, Slice);
            if (Madvise(address + (nint)populated, (nuint)length, MadvPopulateRead) != 0)
            {
                if (Marshal.GetLastPInvokeError() == Einval)
                {
                    // A kernel older than 5.14: unmap now, so the store behaves exactly as without this class.
                    _ = Munmap(address, (nuint)limit);
                    address = 0;
                }

                // Anything else (the file cut short under us, a disk error): the next commit tries again.
                return;
            }

            Volatile.Write(ref populated, populated + length);
        }
    }

    /// <summary>
    /// SQLite's own descriptor of the database file. The map is made from it rather than from a descriptor of ours,
    /// because closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's included
    /// (https://sqlite.org/howtocorrupt.html §2.2); a map made from it outlives SQLite's close. The descriptor is the
    /// fourth field of the unix VFS's file object (after three pointers), which SQLITE_FCNTL_FILE_POINTER returns;
    /// it is used only when /proc/self/fd says it is this very file.
    /// </summary>
    private static int? SqliteFileDescriptor(SqliteConnection connection, string path)
    {
        try
        {
            if (connection.Handle is not { } db
                || FileControl(db.DangerousGetHandle(), "main", FcntlFilePointer, out var sqliteFile) != 0
                || sqliteFile == 0)
            {
                return null;
            }

            var fd = Marshal.ReadInt32(sqliteFile, 3 * IntPtr.Size);
            var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            return target != null && string.Equals(target, RealPath(path), StringComparison.Ordinal) ? fd : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The path with every symbolic link resolved, as /proc/self/fd shows it (a data directory may be a link).</summary>
    private static string? RealPath(string path)
    {
        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [DllImport("libc", EntryPoint = "realpath")]
    private static extern nint RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(nint pointer);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control")]
    private static extern int FileControl(nint db, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int op, out nint result);

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static extern int Munmap(nint address, nuint length);

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
