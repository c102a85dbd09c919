namespace Coffer.Agent.Runs;

/// <summary>Tells a full disk from other I/O errors: ENOSPC on Unix, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int ErrorHandleDiskFull = 0x27;
    private const int ErrorDiskFull = 0x70;

    public static bool Is(IOException ex) => OperatingSystem.IsWindows()
        ? (ex.HResult & 0xFFFF) is ErrorDiskFull or ErrorHandleDiskFull
        : ex.HResult == Enospc;
}
