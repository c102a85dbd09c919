using System.Diagnostics;
using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>Runs external programs asynchronously with a private environment and a hard timeout.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> to completion. <paramref name="environment"/> entries override the
    /// inherited environment; a null value removes the variable. On timeout the whole process tree is killed
    /// and a <see cref="TimeoutException"/> carrying the output so far is thrown.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        TimeSpan timeout,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default,
        Action<string>? onLine = null)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, environment, workingDirectory) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Observe(stdout, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Observe(stderr, e.Data, onLine);

        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {timeout.TotalSeconds:0.#} s.\n" +
                $"stdout:\n{Snapshot(stdout)}\nstderr:\n{Snapshot(stderr)}");
        }

        // The parameterless wait drains the asynchronous output readers.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Snapshot(stdout), Snapshot(stderr), watch.Elapsed);
    }

    /// <summary>Starts a long-running process (a server) with redirected output appended to <paramref name="logFile"/>.</summary>
    public static Process StartBackground(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string logFile,
        string? workingDirectory = null)
    {
        var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, environment, workingDirectory) };
        var gate = new object();
        void Write(string? line)
        {
            if (line != null)
            {
                // Appending per line (servers log little) keeps no writer open that output after exit could hit.
                lock (gate)
                {
                    try
                    {
                        File.AppendAllText(logFile, line + "\n");
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // The root was removed while the process was being killed: nothing left to log to.
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills a process and its descendants; never throws.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone or not ours any more.
        }
    }

    private static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        if (environment != null)
        {
            foreach (var (key, value) in environment)
            {
                if (value == null)
                {
                    psi.Environment.Remove(key);
                }
                else
                {
                    psi.Environment[key] = value;
                }
            }
        }

        return psi;
    }

    private static void Observe(StringBuilder into, string? line, Action<string>? onLine)
    {
        Append(into, line);
        if (line != null)
        {
            onLine?.Invoke(line);
        }
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (target)
        {
            target.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder source)
    {
        lock (source)
        {
            return source.ToString();
        }
    }
}
