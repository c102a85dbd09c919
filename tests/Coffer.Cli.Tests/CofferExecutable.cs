using System.Diagnostics;
using Coffer.TestData;

namespace Coffer.Cli.Tests;

/// <summary>
/// The real <c>coffer</c> executable (coffer.dll next to the tests) in a process of its own: for what only a process
/// shows, its environment variables and its current directory.
/// </summary>
internal static class CofferExecutable
{
    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] args, string? input = null)
    {
        var psi = new ProcessStartInfo(ExternalTool.Require("dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "coffer.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // Nothing of the test process's own Coffer settings leaks in: only what the test gives.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("Coffer", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start coffer");
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"coffer {string.Join(' ', args)} did not finish in time");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
