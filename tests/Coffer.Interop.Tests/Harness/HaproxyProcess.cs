using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Debian's haproxy (which the test script installs) as a process of its own in the foreground, on 127.0.0.1: one
/// HTTP frontend balancing every request round robin over the given backends, with no stickiness of any kind, and a
/// stats page that counts the responses each backend gave. No system service is used.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string root;

    private HaproxyProcess(Process process, string root, int port, int statsPort)
    {
        this.process = process;
        this.root = root;
        Port = port;
        StatsPort = statsPort;
    }

    public int Port { get; }

    public int StatsPort { get; }

    public string UrlFor(string path) => $"http://127.0.0.1:{Port}{path}";

    public static async Task<HaproxyProcess> StartAsync(IReadOnlyList<int> backends)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-interop", "haproxy-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var (port, statsPort) = (FreePort.Next(), FreePort.Next());
        var servers = string.Join('\n', backends.Select((b, i) => string.Create(CultureInfo.InvariantCulture, $"    server node{i + 1} 127.0.0.1:{b}")));

        // http-reuse never and no prefer-last-server: every request is balanced on its own, whichever connection it came on.
        var config = string.Create(CultureInfo.InvariantCulture, $"""
            global
                maxconn 256
            defaults
                mode http
                timeout connect 5s
                timeout client 120s
                timeout server 120s
                option http-server-close
            frontend sync
                bind 127.0.0.1:{port}
                default_backend nodes
            backend nodes
                balance roundrobin
                http-reuse never
            {servers}
            frontend stats
                bind 127.0.0.1:{statsPort}
                stats enable
                stats uri /stats
            """);
        var configFile = Path.Combine(root, "haproxy.cfg");
        await File.WriteAllTextAsync(configFile, config + "\n").ConfigureAwait(false);
        var info = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-db", "-f", configFile })
        {
            info.ArgumentList.Add(arg);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start");
        var messages = new System.Collections.Concurrent.ConcurrentQueue<string>();
        started.OutputDataReceived += (_, e) => messages.Enqueue(e.Data ?? string.Empty);
        started.ErrorDataReceived += (_, e) => messages.Enqueue(e.Data ?? string.Empty);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        var proxy = new HaproxyProcess(started, root, port, statsPort);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            started.HasExited.ShouldBeFalse("haproxy exited:\n" + string.Join('\n', messages) + "\n" + config);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    /// <summary>HTTP responses each backend gave so far (node1, node2, ... in the order given), from haproxy's stats.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ResponsesAsync()
    {
        using var http = new HttpClient();
        var csv = await http.GetStringAsync(new Uri($"http://127.0.0.1:{StatsPort}/stats;csv")).ConfigureAwait(false);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var (pxname, svname) = (Array.IndexOf(header, "pxname"), Array.IndexOf(header, "svname"));
        var codes = new[] { "hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx" }.Select(c => Array.IndexOf(header, c)).ToArray();
        return lines.Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[pxname] == "nodes" && f[svname].StartsWith("node", StringComparison.Ordinal))
            .ToDictionary(f => f[svname], f => codes.Sum(c => long.TryParse(f[c], CultureInfo.InvariantCulture, out var n) ? n : 0));
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
