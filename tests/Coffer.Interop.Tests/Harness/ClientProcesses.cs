using System.Globalization;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Finds the SyncEvolution processes a test started (by their working directory, the environment's root, which
/// <see cref="SyncEvolutionEnvironment.RunSyncEvolutionAsync"/> sets) and signals them, as a user pressing Ctrl-C.
/// </summary>
public static class ClientProcesses
{
    /// <summary>Process ids of the running syncevolution processes of <paramref name="environment"/>.</summary>
    public static IReadOnlyList<int> Find(SyncEvolutionEnvironment environment)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (comm == "syncevolution" && cwd == environment.Root)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours.
            }
        }

        return found;
    }

    /// <summary>
    /// Sends SIGINT once to the environment's running syncevolution process: the client suspends the session
    /// (interop README fact 8: once suspends, twice aborts). Returns the pid signalled.
    /// </summary>
    public static async Task<int> InterruptAsync(SyncEvolutionEnvironment environment)
    {
        var pids = Find(environment);
        if (pids.Count != 1)
        {
            throw new InvalidOperationException($"Expected one running syncevolution in {environment.Root}, found {pids.Count}.");
        }

        var result = await ProcessRunner.RunAsync("kill", ["-s", "INT", pids[0].ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s INT {pids[0]} failed: {result.StdErr}");
        }

        return pids[0];
    }
}
