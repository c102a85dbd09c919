using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coffer.Agent.Tests;

/// <summary>
/// ../shared/interop/faultproxy.py between the agent and the server on 127.0.0.1: records every request, so a test
/// counts what was posted; stopping it mid-upload cuts the agent's connection (a tunnel, an elevator).
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private static readonly string Script = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "interop", "faultproxy.py"));

    private readonly Process process;

    private RecordingProxy(Process process, int port, string outDir)
    {
        this.process = process;
        Port = port;
        OutDir = outDir;
    }

    public int Port { get; }

    public string OutDir { get; }

    public Uri SyncUrl(Uri server) => new UriBuilder(server) { Port = Port }.Uri;

    /// <summary>Requests the proxy read so far.</summary>
    public int Requests => Directory.EnumerateFiles(OutDir, "*-request.headers.txt").Count();

    /// <summary>Bytes of every request body the proxy read.</summary>
    public long BytesPosted => Directory.EnumerateFiles(OutDir, "*-request.body.*").Sum(f => new FileInfo(f).Length);

    /// <summary>Bytes of every response body the proxy passed on (or was passing on when it was stopped).</summary>
    public long BytesReturned => Directory.EnumerateFiles(OutDir, "*-response.body.*").Sum(f => new FileInfo(f).Length);

    /// <summary>Starts the proxy; <paramref name="dropResponse"/>: the request (counted from 1) whose reply it reads from the server and then drops with the connection.</summary>
    public static async Task<RecordingProxy> StartAsync(Uri server, string outDir, int? port = null, int dropResponse = 0)
    {
        File.Exists(Script).ShouldBeTrue(Script);
        var listen = port ?? FreePort();
        Directory.CreateDirectory(outDir);
        var info = new ProcessStartInfo("python3")
        {
            ArgumentList = { Script, "--listen", listen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--target", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--outdir", outDir, "--drop-response", dropResponse.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, listen);
                break;
            }
            catch (SocketException) when (i < 200 && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        return new RecordingProxy(process, listen, outDir);
    }

    /// <summary>Kills the proxy: the connection under way breaks and further ones are refused.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    /// <summary>The repository's root: the directory above the one holding Coffer.slnx's tests/.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Coffer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Coffer.slnx not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
