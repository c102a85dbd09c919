using System.Diagnostics;
using System.Globalization;

namespace Coffer.LoadBench.Load;

/// <summary>
/// A Coffer server started by the bench as its own process (<c>dotnet Coffer.Server.dll --urls ... --data ...</c>), so
/// that its CPU can be read from /proc apart from the phones'. Its output goes to a log file.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri baseUrl, string logPath)
    {
        this.process = process;
        BaseUrl = baseUrl;
        LogPath = logPath;
    }

    public Uri BaseUrl { get; }

    public string LogPath { get; }

    public int Pid => process.Id;

    public static async Task<ServerProcess> StartAsync(string dll, string dataDir, int port, IReadOnlyList<string> env, HttpClient client, CancellationToken ct)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var logPath = Path.GetFullPath(dataDir).TrimEnd('/') + ".server.log";

        // sh redirects the output to the file and exec's dotnet, so the PID is the server's own and nothing pumps the log.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec dotnet \"$0\" --urls \"$1\" --data \"$2\" >\"$3\" 2>&1");
        psi.ArgumentList.Add(Path.GetFullPath(dll));
        psi.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        psi.ArgumentList.Add(Path.GetFullPath(dataDir));
        psi.ArgumentList.Add(logPath);
        foreach (var pair in env)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--server-env wants NAME=VALUE, not '{pair}'", nameof(env));
            }

            psi.Environment[pair[..eq]] = pair[(eq + 1)..];
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, baseUrl, logPath);
        await server.WaitHealthyAsync(client, ct);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitHealthyAsync(HttpClient client, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl, "healthz"), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"the server did not answer /healthz within 60 s; see {LogPath}");
    }
}
