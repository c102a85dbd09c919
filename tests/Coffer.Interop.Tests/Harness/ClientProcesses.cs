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
    /// Sends SIGINT to the environment's running syncevolution processes, as Ctrl-C in a terminal does for its
    /// foreground process group: the client suspends the session (interop README fact 8: once suspends, twice
    /// aborts). A loaded machine may not show the process in /proc at once, so the lookup is retried briefly.
    /// Returns the pids signalled; throws when there is none, so a test never mistakes "not interrupted" for a pass.
    /// </summary>
    public static async Task<IReadOnlyList<int>> InterruptAsync(SyncEvolutionEnvironment environment)
    {
        var pids = Find(environment);
        for (var attempt = 0; pids.Count == 0 && attempt < 50; attempt++)
        {
            await Task.Delay(100).ConfigureAwait(false);
            pids = Find(environment);
        }

        if (pids.Count == 0)
        {
            throw new InvalidOperationException($"No running syncevolution in {environment.Root} to interrupt.");
        }

        // One kill per process: a helper process of the client may exit between the lookup and the signal, and a
        // kill naming it fails as a whole although the others were signalled.
        var signalled = new List<int>();
        var errors = new List<string>();
        foreach (var pid in pids)
        {
            var result = await ProcessRunner.RunAsync("kill", ["-s", "INT", pid.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                signalled.Add(pid);
            }
            else
            {
                errors.Add(result.StdErr.Trim());
            }
        }

        if (signalled.Count == 0)
        {
            throw new InvalidOperationException($"kill -s INT {string.Join(' ', pids)} failed: {string.Join("; ", errors)}");
        }

        return signalled;
    }
}
