using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// One Debian patroni (3.0.x) process and the PostgreSQL it manages, on free 127.0.0.1 ports: its REST API and the
/// database. Patroni itself runs initdb (the first member) or pg_basebackup (the others), writes postgresql.conf and
/// decides which member is the primary through its leader lock in etcd. PostgreSQL refuses to run as root, so under
/// root (CI) Patroni runs as the postgres user (setpriv, which keeps the process id).
/// </summary>
public sealed class PatroniMember : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;
    private readonly string? runAs;

    private PatroniMember(Process process, ConcurrentQueue<string> output, string? runAs, string name, string dataDir, int port, int apiPort)
    {
        this.process = process;
        this.output = output;
        this.runAs = runAs;
        Name = name;
        DataDir = dataDir;
        Port = port;
        ApiPort = apiPort;
    }

    public string Name { get; }

    /// <summary>PostgreSQL's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Patroni's REST API port on 127.0.0.1 (GET /primary answers 200 on the leader only).</summary>
    public int ApiPort { get; }

    public string DataDir { get; }

    public int ProcessId => process.Id;

    /// <summary>Patroni's log and, interleaved, PostgreSQL's (the last lines).</summary>
    public string Output => $"{Name}:\n" + string.Join('\n', output.TakeLast(80));

    /// <summary>
    /// Writes the member's patroni.yml into <paramref name="root"/> and starts it. The settings are those of
    /// docs/operations.md ("Patroni and etcd") with times cut down so that a failover takes seconds: the leader lock
    /// lives 6 s, Patroni's loop runs every second.
    /// </summary>
    public static PatroniMember Start(string root, string name, EtcdProcess etcd, string? runAs)
    {
        var (port, apiPort) = (FreePort.Next(), FreePort.Next());
        var dataDir = Path.Combine(root, name);
        var config = string.Create(CultureInfo.InvariantCulture, $"""
            scope: coffer
            namespace: /service/
            name: {name}
            restapi:
              listen: 127.0.0.1:{apiPort}
              connect_address: 127.0.0.1:{apiPort}
            etcd3:
              hosts: {etcd.Endpoint}
            bootstrap:
              dcs:
                ttl: 6
                loop_wait: 1
                retry_timeout: 2
                maximum_lag_on_failover: 1048576
                synchronous_mode: true
                postgresql:
                  use_pg_rewind: false
                  parameters:
                    max_connections: 200
                    fsync: 'off'
              initdb:
                - encoding: UTF8
                - no-locale
                - auth: trust
              pg_hba:
                - local all all trust
                - host replication postgres 127.0.0.1/32 trust
                - host all all 127.0.0.1/32 trust
            postgresql:
              listen: 127.0.0.1:{port}
              connect_address: 127.0.0.1:{port}
              data_dir: {dataDir}
              bin_dir: {BinDir()}
              pgpass: {Path.Combine(root, name + ".pgpass")}
              authentication:
                superuser:
                  username: postgres
                replication:
                  username: postgres
              parameters:
                unix_socket_directories: '{root}'
            """);
        var configFile = Path.Combine(root, name + ".yml");
        File.WriteAllText(configFile, config + "\n");
        var patroni = ExternalTool.Require("patroni");
        var info = new ProcessStartInfo(runAs == null ? patroni : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        IEnumerable<string> args = runAs == null
            ? [configFile]
            : [$"--reuid={runAs}", $"--regid={runAs}", "--init-groups", "--", patroni, configFile];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("patroni did not start");
        var output = new ConcurrentQueue<string>();
        started.OutputDataReceived += (_, e) => Keep(output, e.Data);
        started.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return new PatroniMember(started, output, runAs, name, dataDir, port, apiPort);
    }

    /// <summary>True when Patroni's REST API answers 200 to GET <paramref name="check"/> (/primary, /sync, /health...).</summary>
    public async Task<bool> AnswersAsync(string check)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{ApiPort}{check}")).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until GET <paramref name="check"/> answers 200; fails with the member's log after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(string check, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AnswersAsync(check).ConfigureAwait(false))
        {
            process.HasExited.ShouldBeFalse($"patroni {Name} exited:\n{Output}");
            (DateTime.UtcNow < deadline).ShouldBeTrue($"patroni {Name} did not answer {check} within {timeout}:\n{Output}");
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The member's host dies: Patroni is killed (SIGKILL, so it neither releases its leader lock nor stops PostgreSQL)
    /// and its PostgreSQL shut down at once, as a crash would. Killing PostgreSQL alone is no failover: its Patroni
    /// restarts it in place while it holds the lock.
    /// </summary>
    public void Kill()
    {
        // PostgreSQL inherited Patroni's output pipes: waiting for Patroni's end (which waits for their end of file)
        // comes after PostgreSQL's.
        if (!process.HasExited)
        {
            process.Kill();
        }

        StopPostgres();
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: Patroni stops its PostgreSQL before it exits.
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                term?.WaitForExit();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
            }
        }

        StopPostgres();
        process.WaitForExit();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The directory of all PostgreSQL programs (Patroni runs pg_controldata, pg_basebackup... from it): that of the
    /// real initdb, where the directory found may hold links to initdb and pg_ctl only.
    /// </summary>
    public static string BinDir()
    {
        var initdb = new FileInfo(Path.Combine(PostgresCluster.FindBinDir(), "initdb"));
        var real = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
        return Path.GetDirectoryName(real)!;
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        // Patroni logs every loop ("no action. I am ..."): keep what changes something.
        if (line != null && !line.Contains("INFO: no action.", StringComparison.Ordinal))
        {
            output.Enqueue(line);
        }
    }

    private void StopPostgres()
    {
        if (!File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            return;
        }

        var pgCtl = Path.Combine(BinDir(), "pg_ctl");
        var info = new ProcessStartInfo(runAs == null ? pgCtl : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        IEnumerable<string> args = runAs == null
            ? ["-D", DataDir, "-m", "immediate", "-w", "stop"]
            : ["-u", runAs, "--", pgCtl, "-D", DataDir, "-m", "immediate", "-w", "stop"];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var stop = Process.Start(info) ?? throw new InvalidOperationException("could not start pg_ctl");
        stop.StandardOutput.ReadToEnd();
        stop.StandardError.ReadToEnd();
        stop.WaitForExit();
    }
}
