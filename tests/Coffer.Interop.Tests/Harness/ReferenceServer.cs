using System.Diagnostics;
using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// SyncEvolution's own SyncML server (syncevo-http-server over syncevo-dbus-server, the Synthesis engine) on
/// 127.0.0.1, in private directories with a private D-Bus session bus: the reference the Coffer server is
/// measured against. Each client device must be added with <see cref="AddPeerAsync(string, string, string, string, CancellationToken)"/>;
/// the devices of one user share one database per datastore (card, card21, cal, vcal, task, note).
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable
{
    private const string HttpServerScript = "/usr/bin/syncevo-http-server";
    private const string DbusServer = "/usr/libexec/syncevo-dbus-server";

    // Twisted is installed for the system interpreter; a python3 earlier on PATH (pyenv) may lack it.
    private const string SystemPython = "/usr/bin/python3";

    private readonly List<Process> processes = [];
    private readonly Dictionary<string, string?> variables;
    private readonly bool ownsRoot;

    private ReferenceServer(string root, bool ownsRoot, int listenPort, int advertisedPort, string path)
    {
        Root = root;
        this.ownsRoot = ownsRoot;
        ListenPort = listenPort;
        SyncUrl = $"http://127.0.0.1:{advertisedPort}/{path}";
        foreach (var dir in new[] { "home", "config", "data", "cache", "run", "logs" })
        {
            Directory.CreateDirectory(System.IO.Path.Combine(root, dir));
        }

        File.SetUnixFileMode(RunDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        variables = new Dictionary<string, string?>
        {
            ["HOME"] = System.IO.Path.Combine(root, "home"),
            ["XDG_CONFIG_HOME"] = System.IO.Path.Combine(root, "config"),
            ["XDG_DATA_HOME"] = System.IO.Path.Combine(root, "data"),
            ["XDG_CACHE_HOME"] = System.IO.Path.Combine(root, "cache"),
            ["XDG_RUNTIME_DIR"] = RunDir,
            ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + System.IO.Path.Combine(RunDir, "bus"),
            // The server never uses curl; the client shim must not leak into it.
            ["LD_PRELOAD"] = null,
            ["http_proxy"] = null,
            ["https_proxy"] = null,
            ["HTTP_PROXY"] = null,
            ["HTTPS_PROXY"] = null,
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
        };
    }

    /// <summary>The URL clients sync with (it names the advertised port).</summary>
    public string SyncUrl { get; }

    public int ListenPort { get; }

    public string Root { get; }

    /// <summary>Server logs: dbus-daemon.log, dbus-server.log, http-server.log.</summary>
    public string LogDirectory => System.IO.Path.Combine(Root, "logs");

    private string RunDir => System.IO.Path.Combine(Root, "run");

    /// <summary>Starts dbus-daemon, syncevo-dbus-server and the loopback-only HTTP server; fails with their logs.</summary>
    public static async Task<ReferenceServer> StartAsync(ReferenceServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReferenceServerOptions();
        foreach (var file in new[] { HttpServerScript, DbusServer, SystemPython })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file} is missing; install the Debian packages syncevolution-http, syncevolution-dbus and python3-twisted.", file);
            }
        }

        ExternalTool.Require("dbus-daemon");
        ExternalTool.Require("syncevolution");
        var root = options.Root ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coffer-interop", "refserver-" + Guid.NewGuid().ToString("N")[..12]);
        var listenPort = options.ListenPort != 0 ? options.ListenPort : FreePort.Next();
        var server = new ReferenceServer(root, options.Root == null, listenPort, options.AdvertisedPort ?? listenPort, options.Path.Trim('/'));
        try
        {
            await server.StartProcessesAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Accepts one client device of <paramref name="user"/> as peer <paramref name="name"/>: the server-side
    /// config u-USER/peers/NAME, matched by the client's deviceId.
    /// </summary>
    public async Task AddPeerAsync(string name, string deviceId, string user, string password, CancellationToken cancellationToken = default)
    {
        var database = DatabaseDirectory(user);
        var arguments = new List<string>
        {
            "--daemon=no", "--configure", "--template", "none", "keyring=no", "PeerIsClient=1",
            "username=" + user, "password=" + password, "remoteDeviceId=" + deviceId,
            "loglevel=1", "printChanges=0", "dumpData=0", "maxlogdirs=3", "RetryDuration=20",
        };
        var stores = new (string Name, string Format)[]
        {
            ("card", "text/vcard"), ("card21", "text/vcard"), ("cal", "text/calendar"),
            ("vcal", "text/calendar"), ("task", "text/calendar"), ("note", "text/plain"),
        };
        foreach (var (store, format) in stores)
        {
            arguments.Add($"{store}/backend=file");
            arguments.Add($"{store}/database=file://{System.IO.Path.Combine(database, store)}");
            arguments.Add($"{store}/databaseFormat={format}");
            arguments.Add($"{store}/sync=two-way");
        }

        arguments.Add($"{name}@u-{user}");
        arguments.AddRange(stores.Select(s => s.Name));
        var result = await ProcessRunner.RunAsync(ExternalTool.Require("syncevolution"), arguments, variables, TimeSpan.FromSeconds(60), Root, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not configure reference server peer {name}@u-{user} (exit {result.ExitCode}):\n{result.Output}");
        }
    }

    /// <summary>Accepts <paramref name="phone"/> (its deviceId, user and password) as peer named after it.</summary>
    public Task AddPeerAsync(Phone phone, CancellationToken cancellationToken = default) =>
        AddPeerAsync(phone.Name, phone.DeviceId, phone.User, phone.Password, cancellationToken);

    /// <summary>The folder holding <paramref name="user"/>'s datastores (one sub-folder each, one file per item).</summary>
    public string DatabaseDirectory(string user) => System.IO.Path.Combine(Root, "db-" + user);

    /// <summary>The item files of one of <paramref name="user"/>'s server datastores (card, cal, task, note, ...).</summary>
    public IReadOnlyList<string> ItemFiles(string user, string datastore)
    {
        var dir = System.IO.Path.Combine(DatabaseDirectory(user), datastore);
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>The servers' log output so far, for failure messages.</summary>
    public string ReadLogs() =>
        string.Join('\n', Directory.GetFiles(LogDirectory).Order(StringComparer.Ordinal).Select(f => $"== {System.IO.Path.GetFileName(f)}\n{SafeRead(f)}"));

    public async ValueTask DisposeAsync()
    {
        // Reverse start order: HTTP front end, then the engine (with its helper children), then the bus.
        for (var i = processes.Count - 1; i >= 0; i--)
        {
            ProcessRunner.Kill(processes[i]);
            try
            {
                await processes[i].WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }

            processes[i].Dispose();
        }

        processes.Clear();
        if (ownsRoot && Environment.GetEnvironmentVariable("COFFER_INTEROP_KEEP") != "1")
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task StartProcessesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        TimeSpan Remaining() => timeout - deadline.Elapsed > TimeSpan.Zero ? timeout - deadline.Elapsed : TimeSpan.Zero;

        // 1. A private session bus: syncevo-http-server reaches the engine only over D-Bus.
        var busSocket = System.IO.Path.Combine(RunDir, "bus");
        processes.Add(ProcessRunner.StartBackground(
            ExternalTool.Require("dbus-daemon"),
            ["--session", "--nofork", "--nopidfile", "--address=unix:path=" + busSocket],
            variables,
            System.IO.Path.Combine(LogDirectory, "dbus-daemon.log"),
            Root));
        await WaitForAsync(() => File.Exists(busSocket), Remaining(), "dbus-daemon did not create its socket", cancellationToken).ConfigureAwait(false);

        // 2. The engine, kept alive for the whole test.
        processes.Add(ProcessRunner.StartBackground(
            DbusServer,
            ["--duration=unlimited", "--verbosity=1", "--stdout", "--no-syslog"],
            variables,
            System.IO.Path.Combine(LogDirectory, "dbus-server.log"),
            Root));
        await WaitForAsync(EngineOnBus, Remaining(), "syncevo-dbus-server did not register org.syncevolution", cancellationToken).ConfigureAwait(false);

        // 3. The HTTP front end. The packaged script has an unexpanded '#!@PYTHON@' line and binds every
        //    interface on the URL's port: run a copy that binds 127.0.0.1:ListenPort, while the URL (and so
        //    the RespURI it hands out) keeps the advertised port.
        var script = System.IO.Path.Combine(Root, "syncevo-http-server-loopback.py");
        await File.WriteAllTextAsync(script, PatchHttpServer(await File.ReadAllTextAsync(HttpServerScript, cancellationToken).ConfigureAwait(false), ListenPort), cancellationToken).ConfigureAwait(false);
        var http = ProcessRunner.StartBackground(SystemPython, [script, SyncUrl], variables, System.IO.Path.Combine(LogDirectory, "http-server.log"), Root);
        processes.Add(http);
        if (!await FreePort.WaitUntilListeningAsync(ListenPort, Remaining(), () => http.HasExited).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"syncevo-http-server did not listen on 127.0.0.1:{ListenPort}.\n{ReadLogs()}");
        }
    }

    /// <summary>The syncevo-http-server source made runnable and bound to 127.0.0.1:<paramref name="port"/>.</summary>
    internal static string PatchHttpServer(string source, int port)
    {
        const string Listen = "reactor.listenTCP(url.port, site)";
        if (!source.Contains(Listen, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{HttpServerScript} changed: '{Listen}' not found, cannot bind it to loopback.");
        }

        var firstNewline = source.IndexOf('\n', StringComparison.Ordinal);
        var body = source.StartsWith("#!", StringComparison.Ordinal) ? source[(firstNewline + 1)..] : source;
        return "#!" + SystemPython + "\n" + body.Replace(Listen, $"reactor.listenTCP({port}, site, interface=\"127.0.0.1\")", StringComparison.Ordinal);
    }

    private bool EngineOnBus()
    {
        var result = ExternalTool.Run(
            "dbus-send",
            ["--session", "--dest=org.freedesktop.DBus", "--print-reply", "/", "org.freedesktop.DBus.ListNames"],
            TimeSpan.FromSeconds(5),
            variables);
        return result.ExitCode == 0 && result.StdOut.Contains("org.syncevolution", StringComparison.Ordinal);
    }

    private async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string failure, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout || processes.Any(p => p.HasExited))
            {
                throw new InvalidOperationException($"{failure}.\n{ReadLogs()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string SafeRead(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
