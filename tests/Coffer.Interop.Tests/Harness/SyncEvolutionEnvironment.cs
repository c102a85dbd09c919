using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// A private world for SyncEvolution clients: own HOME and XDG directories under a fresh temporary root,
/// no D-Bus session, no HTTP proxies, and the curl fix preloaded. Every test creates its own; phones made in
/// the same environment share one SyncEvolution configuration tree (one config per phone).
/// Set COFFER_INTEROP_KEEP=1 to keep the root after the test for inspection.
/// </summary>
public sealed class SyncEvolutionEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> variables;
    private readonly ClientOutput output = new();

    private SyncEvolutionEnvironment(string root, bool withCurlFix)
    {
        Root = root;
        Home = MakeDir("home");
        ConfigHome = MakeDir("config");
        DataHome = MakeDir("data");
        CacheHome = MakeDir("cache");
        RuntimeDir = MakeDir("run");
        File.SetUnixFileMode(RuntimeDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        SyncEvolution = ExternalTool.Require("syncevolution");
        variables = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["XDG_CONFIG_HOME"] = ConfigHome,
            ["XDG_DATA_HOME"] = DataHome,
            ["XDG_CACHE_HOME"] = CacheHome,
            ["XDG_RUNTIME_DIR"] = RuntimeDir,
            ["LD_PRELOAD"] = withCurlFix ? CurlFixShim.LibraryPath : null,
            // --daemon=no alone is not enough: with a session bus the CLI still talks to syncevo-dbus-server.
            ["DBUS_SESSION_BUS_ADDRESS"] = null,
            ["http_proxy"] = null,
            ["https_proxy"] = null,
            ["HTTP_PROXY"] = null,
            ["HTTPS_PROXY"] = null,
            ["all_proxy"] = null,
            ["ALL_PROXY"] = null,
            ["no_proxy"] = "*",
            ["NO_PROXY"] = "*",
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
        };
    }

    public string Root { get; }

    public string Home { get; }

    public string ConfigHome { get; }

    public string DataHome { get; }

    public string CacheHome { get; }

    public string RuntimeDir { get; }

    /// <summary>Where SyncEvolution writes one folder per session (status.ini, syncevolution-log.html).</summary>
    public string SessionLogRoot => Path.Combine(CacheHome, "syncevolution");

    /// <summary>Full path of the syncevolution executable.</summary>
    public string SyncEvolution { get; }

    /// <summary>The environment overrides every client process gets (null = removed).</summary>
    public IReadOnlyDictionary<string, string?> Variables => variables;

    /// <summary>
    /// Creates a fresh root under the system temp folder; <paramref name="name"/> only labels it.
    /// <paramref name="withCurlFix"/> false leaves the Debian client as shipped (it crashes on its first POST).
    /// </summary>
    public static SyncEvolutionEnvironment Create(string name = "test", bool withCurlFix = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-interop", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)]);
        Directory.CreateDirectory(root);
        return new SyncEvolutionEnvironment(root, withCurlFix);
    }

    /// <summary>
    /// Runs <c>syncevolution --daemon=no ARGS</c> in this environment, with SIGINT and SIGQUIT at their default
    /// handling: a test run started in the background by a shell inherits them ignored (POSIX, asynchronous lists
    /// without job control), .NET passes an ignored signal on to its children, and SyncEvolution does not catch a
    /// signal it finds ignored — so the Ctrl-C of the suspend tests would silently do nothing.
    /// </summary>
    public Task<ProcessResult> RunSyncEvolutionAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync("env", ["--default-signal=INT,QUIT", SyncEvolution, "--daemon=no", .. arguments], variables, timeout, Root, cancellationToken, output.Add);

    /// <summary>Every line the clients run in this environment printed so far, as they printed it.</summary>
    public ClientOutput Output => output;

    /// <summary>A new folder under the root (created).</summary>
    public string CreateDirectory(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("COFFER_INTEROP_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling process may still hold a file; the temp folder is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string MakeDir(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
