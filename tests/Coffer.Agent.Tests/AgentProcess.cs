using System.Diagnostics;
using System.Globalization;

namespace Coffer.Agent.Tests;

/// <summary>The CLI as built (a project reference of the tests), run as its own process so it can be killed or measured.</summary>
public static class AgentProcess
{
    public static Process Start(Agent agent, params string[] args) => Start(agent, new Dictionary<string, string>(), args);

    public static Process Start(Agent agent, IReadOnlyDictionary<string, string> environment, params string[] args) => Start(agent, environment, null, args);

    /// <summary>Starts the CLI with every line it prints (stdout and stderr) handed to <paramref name="line"/>.</summary>
    public static Process Start(Agent agent, IReadOnlyDictionary<string, string> environment, Action<string>? line, params string[] args)
    {
        var dll = new[] { AppContext.BaseDirectory, Path.Combine(RecordingProxy.RepoRoot(), "src", "Coffer.Agent.Cli", "bin", "Release", "net10.0") }
            .Select(dir => Path.Combine(dir, "coffer-agent.dll"))
            .FirstOrDefault(path => File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")));
        dll.ShouldNotBeNull("coffer-agent.dll with its runtimeconfig.json");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["exec", dll, .. args, "--config", agent.ConfigDir])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        if (line is not null)
        {
            process.OutputDataReceived += (_, e) => line(e.Data ?? string.Empty);
            process.ErrorDataReceived += (_, e) => line(e.Data ?? string.Empty);
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(10), "waiting for the transfer");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The peak resident set of <paramref name="process"/> so far (VmHWM of /proc/PID/status, in bytes), or null once
    /// the process is gone.
    /// </summary>
    public static long? PeakResidentBytes(Process process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line == null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
