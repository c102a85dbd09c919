using System.Diagnostics;

namespace Coffer.Formats.Tests.Rsync;

/// <summary>Runs Debian's <c>rdiff</c> (librsync 2.x), the reference the rsync format is checked against.</summary>
internal static class Rdiff
{
    private const string Executable = "/usr/bin/rdiff";

    public static void Run(params string[] arguments)
    {
        File.Exists(Executable).ShouldBeTrue("rdiff is missing: apt-get install rdiff (test.sh does).");
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"rdiff {string.Join(' ', arguments)}: {stderr.Result}");
    }
}
