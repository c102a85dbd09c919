using System.Diagnostics;
using Coffer.Server;
using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.SyncML.Auth;
using Coffer.TestData;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The real Coffer server as a process of its own (the apphost built beside the tests), on 127.0.0.1, a fixed port and
/// a private data directory (and, in the PostgreSQL run of the suite, a database of its own), so a test can kill it with SIGKILL at any moment — mid-message, mid-commit — and start it
/// again on the same port and data. Its console output (the last lines) is kept for assertion messages.
/// </summary>
public sealed class CofferServerProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Queue<string> output = new();
    private readonly string root;
    private readonly InteropStorage storage;
    private readonly bool ownsStorage;
    private Process? process;

    private CofferServerProcess(string root, int port, InteropStorage storage, bool ownsStorage = true)
    {
        this.root = root;
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        DataDir = Path.Combine(root, "data");
        Port = port;
    }

    /// <summary>The data directory, kept across kills and restarts (deleted on dispose).</summary>
    public string DataDir { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public string SyncUrl => $"http://127.0.0.1:{Port}{CofferServerHost.SyncPath}";

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>How many times it was killed with SIGKILL.</summary>
    public int Kills { get; private set; }

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>
    /// A server with an account <paramref name="user"/> (created through the store before the first start, as
    /// <c>coffer user add --md5</c> does), started and answering /healthz.
    /// </summary>
    public static async Task<CofferServerProcess> StartAsync(string user, string password, InteropStorage? storage = null)
    {
        storage ??= await InteropStorage.CreateAsync().ConfigureAwait(false);
        var server = new CofferServerProcess(Path.Combine(Path.GetTempPath(), "coffer-interop", "process-" + Guid.NewGuid().ToString("N")[..12]), FreePort.Next(), storage);
        await using (var store = server.OpenStore())
        {
            await using var uow = await store.BeginAsync().ConfigureAwait(false);
            (await uow.Users.TryCreateAsync(user, PasswordHasher.Hash(password), Md5Auth.CredentialHash(user, password)).ConfigureAwait(false)).ShouldNotBeNull();
            await uow.CommitAsync().ConfigureAwait(false);
        }

        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>
    /// Another node on this server's store (PostgreSQL): a process of its own, with a data directory and port of its own
    /// and the same master key, as an operator gives every node of a cluster. Disposing it leaves the store alone.
    /// </summary>
    public async Task<CofferServerProcess> StartNodeAsync()
    {
        storage.Database.ShouldNotBeNull("nodes share a PostgreSQL store; SQLite is one node's");
        var node = new CofferServerProcess(Path.Combine(Path.GetTempPath(), "coffer-interop", "process-" + Guid.NewGuid().ToString("N")[..12]), FreePort.Next(), storage, ownsStorage: false);
        Directory.CreateDirectory(node.DataDir);
        File.Copy(Path.Combine(DataDir, MasterKeyFile.FileName), Path.Combine(node.DataDir, MasterKeyFile.FileName));
        await node.StartAsync().ConfigureAwait(false);
        return node;
    }

    /// <summary>The server's store, opened the way the server opens it (while the server is stopped, or to read).</summary>
    public ICofferStore OpenStore() => storage.Database == null
        ? StoreFactory.Create(StoreProvider.Sqlite, null, new StorageOptions { DataDir = DataDir })
        : StoreFactory.Create(StoreProvider.Postgres, storage.ConnectionString, new StorageOptions { DataDir = DataDir });

    /// <summary>The live contacts the store holds for <paramref name="user"/>, as stored.</summary>
    public async Task<IReadOnlyList<string>> ContactsAsync(string user)
    {
        await using var store = OpenStore();
        await using var uow = await store.BeginReadAsync().ConfigureAwait(false);
        var account = await uow.Users.FindByNameAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException("no user " + user);
        var datastore = await uow.Datastores.GetAsync(account.Id, DatastoreKind.Contacts).ConfigureAwait(false) ?? throw new InvalidOperationException("no contacts");
        var cards = new List<string>();
        for (var after = 0L; ;)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 500).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return cards;
            }

            cards.AddRange(page.Select(i => System.Text.Encoding.UTF8.GetString(i.Content ?? [])));
            after = page[^1].Sequence;
        }
    }

    /// <summary>Starts the process and waits until it answers /healthz.</summary>
    public async Task StartAsync()
    {
        process.ShouldBeNull("the server is running already");
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Coffer.Server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--data", DataDir, "--urls", $"http://127.0.0.1:{Port}", "--Coffer:Sip:Listen=127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Coffer=Information", .. storage.ServerArgs])
        {
            info.ArgumentList.Add(arg);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("the server process did not start");
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        Starts++;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            started.HasExited.ShouldBeFalse($"the server exited with {(started.HasExited ? started.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "healthz")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"the server did not answer /healthz within 60 s:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, whatever the server was doing is cut off where it was.</summary>
    public void Kill()
    {
        var running = process.ShouldNotBeNull("the server is not running");
        running.Kill(entireProcessTree: true);
        running.WaitForExit();
        running.Dispose();
        process = null;
        Kills++;
    }

    public async ValueTask DisposeAsync()
    {
        if (process != null)
        {
            Kill();
        }

        if (ownsStorage)
        {
            await storage.DeleteAsync().ConfigureAwait(false);
        }
        if (Environment.GetEnvironmentVariable("COFFER_INTEROP_KEEP") != "1" && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Keep(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptLines)
            {
                output.Dequeue();
            }
        }
    }
}
