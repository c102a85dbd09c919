using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Coffer.TestData;

/// <summary>
/// A private PostgreSQL cluster for tests: initdb and pg_ctl (Debian's postgresql package, which the test script
/// installs) in a temporary directory, on a free 127.0.0.1 port with its Unix socket in that directory, trust
/// authentication, no system service. One per test process (<see cref="Shared"/>), started on first use and stopped
/// when the process exits; a cluster left by a process that died without stopping it is stopped by the next one.
/// PostgreSQL refuses to run as root, so under root (CI) the server runs as the postgres user (or nobody).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    /// <summary>Temporary directories of clusters are named PREFIX + owning process id + "-" + random.</summary>
    public const string DirectoryPrefix = "coffer-pg-";

    private const string Superuser = "postgres";

    private static readonly Lazy<PostgresCluster> SharedLazy = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string binDir;
    private readonly string? runAs;
    private int stopped;

    private PostgresCluster(string root, string binDir, string? runAs, int port)
    {
        Root = root;
        this.binDir = binDir;
        this.runAs = runAs;
        Port = port;
    }

    /// <summary>The cluster of this test process.</summary>
    public static PostgresCluster Shared => SharedLazy.Value;

    /// <summary>The temporary directory: data/, the server log and the Unix socket.</summary>
    public string Root { get; }

    public int Port { get; }

    public string DataDir => Path.Combine(Root, "data");

    public string LogFile => Path.Combine(Root, "postgres.log");

    /// <summary>An Npgsql connection string for <paramref name="database"/> over the cluster's Unix socket.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Root, Port = Port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>Creates an empty database (a copy of template0) and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "coffer")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'").ConfigureAwait(false);
        return name;
    }

    /// <summary>Drops a database, ending any connection still open to it.</summary>
    public Task DropDatabaseAsync(string name) => AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Stops the server at once and removes the directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        Stop(binDir, runAs, DataDir);
        DeleteDirectory(Root);
    }

    /// <summary>Finds initdb and pg_ctl: COFFER_PG_BIN, then PATH, then the newest /usr/lib/postgresql/N/bin.</summary>
    public static string FindBinDir()
    {
        if (Environment.GetEnvironmentVariable("COFFER_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault()
            : null;
        return debian ?? throw new FileNotFoundException("initdb and pg_ctl are not installed; run the README test command, which installs PostgreSQL with apt-get.");
    }

    private static PostgresCluster StartShared()
    {
        RemoveAbandoned();
        var cluster = Start();
        cluster.StartWatchdog();

        // The test host is given little time to exit: an immediate-shutdown signal costs nothing to send, and the
        // watchdog removes the directory once the process is gone.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.SignalShutdown();
        return cluster;
    }

    /// <summary>
    /// A cluster of its own (not <see cref="Shared"/>) that can serve as a replication primary: full-page writes on (a
    /// base backup needs them), a synchronous standby once <see cref="StartStandby"/> made one. Dispose stops it.
    /// </summary>
    public static PostgresCluster StartPrimary()
    {
        RemoveAbandoned();
        var cluster = Start(replication: true);
        cluster.StartWatchdog();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.SignalShutdown();
        return cluster;
    }

    /// <summary>
    /// A streaming standby of this cluster (pg_basebackup -R, its own directory and port), made this cluster's
    /// synchronous standby: a commit here returns only once the standby has it (synchronous_commit on), so what a
    /// client was told is stored survives this cluster's death.
    /// </summary>
    public PostgresCluster StartStandby()
    {
        var root = NewRoot(runAs);
        try
        {
            var data = Path.Combine(root, "data");
            Check(Run(Tool("pg_basebackup"), ["-D", data, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, "-R", "-X", "stream"], runAs, root), "pg_basebackup");
            var standby = StartServer(root, binDir, runAs, replication: true);
            standby.StartWatchdog();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => standby.SignalShutdown();
            AdminAsync("ALTER SYSTEM SET synchronous_standby_names = '*'").GetAwaiter().GetResult();
            AdminAsync("SELECT pg_reload_conf()").GetAwaiter().GetResult();
            return standby;
        }
        catch
        {
            DeleteDirectory(root);
            throw;
        }
    }

    /// <summary>A PostgreSQL program beside initdb (binDir may hold links to initdb and pg_ctl only: then beside their target).</summary>
    private string Tool(string name)
    {
        var path = Path.Combine(binDir, name);
        if (File.Exists(path))
        {
            return path;
        }

        var initdb = new FileInfo(Path.Combine(binDir, "initdb"));
        var real = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
        return Path.Combine(Path.GetDirectoryName(real)!, name);
    }

    /// <summary>Kills the server at once (an immediate shutdown: no checkpoint, clients cut off), as a crash would.</summary>
    public void Kill() => Stop(binDir, runAs, DataDir);

    /// <summary>Makes a standby a primary (pg_ctl promote) and waits until it accepts writes.</summary>
    public void Promote() => Check(Run(Path.Combine(binDir, "pg_ctl"), ["-D", DataDir, "-w", "-t", "60", "promote"], runAs, Root), "pg_ctl promote");

    private static PostgresCluster Start(bool replication = false)
    {
        var binDir = FindBinDir();
        var runAs = Environment.IsPrivilegedProcess ? ServiceUser() : null;
        var root = NewRoot(runAs);
        try
        {
            var data = Path.Combine(root, "data");
            Check(Run(Path.Combine(binDir, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], runAs, root), "initdb");
            return StartServer(root, binDir, runAs, replication);
        }
        catch
        {
            DeleteDirectory(root);
            throw;
        }
    }

    private static string NewRoot(string? runAs)
    {
        var root = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(root);
        if (runAs != null)
        {
            Check(Run("chown", [runAs, root], null, root), "chown");
        }

        return root;
    }

    private static PostgresCluster StartServer(string root, string binDir, string? runAs, bool replication)
    {
        var data = Path.Combine(root, "data");

        // A port can be taken between picking and binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();

            // Test data is thrown away: no fsync, and no full-page images unless a base backup is to be taken.
            var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
                + (replication ? " -c full_page_writes=on" : " -c full_page_writes=off");
            var started = Run(Path.Combine(binDir, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "postgres.log"), "-w", "-t", "60", "-o", options, "start"], runAs, root);
            if (started.ExitCode == 0)
            {
                return new PostgresCluster(root, binDir, runAs, port);
            }

            if (attempt == 3)
            {
                var log = File.Exists(Path.Combine(root, "postgres.log")) ? File.ReadAllText(Path.Combine(root, "postgres.log")) : string.Empty;
                throw new InvalidOperationException($"pg_ctl start failed: {started.StdErr}{started.StdOut}\n{log}");
            }
        }
    }

    /// <summary>
    /// A detached shell (its own session, not a child of this process once started) that waits for this process to end,
    /// however it ends (a normal exit, or killed by the runner's hang timeout), then stops the cluster and deletes the
    /// directory. Test runners kill the test host's process tree after a short grace period, so cleanup cannot wait for
    /// an exit hook.
    /// </summary>
    private void StartWatchdog()
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            tail --pid="$1" -f /dev/null
            if [ -n "$5" ]; then runuser -u "$5" -- "$2" -D "$3" -m immediate -w stop; else "$2" -D "$3" -m immediate -w stop; fi
            rm -rf "$4"
            """;
        Check(
            Run("setsid", ["-f", "sh", "-c", Script, "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Path.Combine(binDir, "pg_ctl"), DataDir, Root, runAs ?? string.Empty], null, Root),
            "setsid");
    }

    /// <summary>Asks the postmaster for an immediate shutdown (SIGQUIT) without waiting for it.</summary>
    private void SignalShutdown()
    {
        try
        {
            var pid = File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).First().Trim();
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-QUIT", pid]) { UseShellExecute = false });
        }
        catch (IOException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>Stops clusters whose test process is gone (killed before its exit hook ran).</summary>
    private static void RemoveAbandoned()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.GetFileName(dir)[DirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
            {
                Stop(FindBinDir(), Environment.IsPrivilegedProcess ? ServiceUser() : null, Path.Combine(dir, "data"));
            }

            DeleteDirectory(dir);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Stop(string binDir, string? runAs, string dataDir)
    {
        if (Directory.Exists(dataDir))
        {
            Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], runAs, Path.GetDirectoryName(dataDir)!);
        }
    }

    /// <summary>The account the server runs as when the tests run as root: Debian's postgres user, else nobody.</summary>
    private static string ServiceUser() => Run("id", ["-u", Superuser], null, "/").ExitCode == 0 ? Superuser : "nobody";

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static ExternalTool.Result Run(string program, IReadOnlyList<string> args, string? runAs, string workingDirectory)
    {
        var psi = new ProcessStartInfo(runAs == null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (runAs != null)
        {
            foreach (var a in new[] { "-u", runAs, "--", program })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }

        return new ExternalTool.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Check(ExternalTool.Result result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }
    }

    private static void DeleteDirectory(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
