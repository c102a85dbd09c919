namespace Coffer.Server.Metrics;

/// <summary>
/// One libc entry point used for measurement only: called on Linux, and given up for good (null from then on) the
/// first time the library or the entry point is missing, so a measurement never breaks the work it measures.
/// </summary>
internal sealed class LinuxCall
{
    private bool unavailable = !OperatingSystem.IsLinux();

    public T? Try<T>(Func<T?> call)
        where T : struct
    {
        if (unavailable)
        {
            return null;
        }

        try
        {
            return call();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return null;
        }
    }
}
