using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Debian's etcd (etcd-server, which the test script installs) as a single-member cluster of the test's own: a process
/// in the foreground on two free 127.0.0.1 ports (clients, peers), its data in a directory of its own, no system
/// service. Patroni keeps its leader lock and member keys in it (<see cref="PatroniMember"/>).
/// </summary>
public sealed class EtcdProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private EtcdProcess(Process process, ConcurrentQueue<string> output, string dataDir, int clientPort)
    {
        this.process = process;
        this.output = output;
        DataDir = dataDir;
        ClientPort = clientPort;
    }

    public int ClientPort { get; }

    /// <summary>host:port of the client endpoint, as Patroni's <c>etcd3.hosts</c> takes it.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{ClientPort}");

    public string DataDir { get; }

    /// <summary>The process id (the watchdog of <see cref="PatroniPair"/> ends it if the test process dies first).</summary>
    public int ProcessId => process.Id;

    public string Output => string.Join('\n', output.TakeLast(40));

    /// <summary>Starts etcd with its data in <paramref name="dataDir"/> and waits until it answers /health.</summary>
    public static async Task<EtcdProcess> StartAsync(string dataDir)
    {
        var (clientPort, peerPort) = (FreePort.Next(), FreePort.Next());
        var (client, peer) = ($"http://127.0.0.1:{clientPort}", $"http://127.0.0.1:{peerPort}");
        var info = new ProcessStartInfo(ExternalTool.Require("etcd")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--name", "coffer-test", "--data-dir", dataDir,
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", "coffer-test=" + peer, "--initial-cluster-state", "new",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("etcd did not start");
        var output = new ConcurrentQueue<string>();
        started.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        started.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        var etcd = new EtcdProcess(started, output, dataDir, clientPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            started.HasExited.ShouldBeFalse("etcd exited:\n" + etcd.Output);
            try
            {
                var health = await http.GetStringAsync(new Uri(client + "/health")).ConfigureAwait(false);
                if (health.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                {
                    return etcd;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            (DateTime.UtcNow < deadline).ShouldBeTrue("etcd did not become healthy:\n" + etcd.Output);
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
