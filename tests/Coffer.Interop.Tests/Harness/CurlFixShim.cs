using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Builds native/coffer_curlfix.c (the LD_PRELOAD fix for Debian's SyncEvolution 2.0.0, which hands
/// libcurl NULL read/write callbacks and crashes on its first POST) once per test run into the build output.
/// </summary>
public static class CurlFixShim
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled shared object; compiles it on first use and throws when gcc is missing or fails.</summary>
    public static string LibraryPath => Built.Value;

    private static string Build()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "native", "coffer_curlfix.c");
        if (!File.Exists(source))
        {
            throw new FileNotFoundException("The curl fix source was not copied to the build output.", source);
        }

        string gcc;
        try
        {
            gcc = ExternalTool.Require("gcc");
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                "gcc is required to build the LD_PRELOAD fix without which Debian's syncevolution crashes (exit 139) " +
                "on its first HTTP POST. Install it: apt-get install gcc.", e);
        }

        var output = Path.Combine(AppContext.BaseDirectory, "native", "libcoffer_curlfix.so");
        // Build beside the target and rename, so a concurrently starting test run never loads half a file.
        var temporary = output + "." + Environment.ProcessId + ".tmp";
        var result = ExternalTool.Run(gcc, ["-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", temporary, source, "-ldl"], TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc could not build {source} (exit {result.ExitCode}):\n{result.StdOut}{result.StdErr}");
        }

        File.Move(temporary, output, overwrite: true);
        return output;
    }
}
