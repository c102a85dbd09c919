using Coffer.Server;
using Coffer.Storage;
using Coffer.SyncML.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The real Coffer host (Kestrel, POST /sync) in this process on 127.0.0.1, with a private data directory. It can be
/// stopped and started again on the same port and data directory (a server restart between two messages), and it
/// answers questions about what the store holds, which is what interop tests assert on besides the client's report.
/// </summary>
public sealed class CofferTestServer : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private WebApplication? app;

    private CofferTestServer(string dataDir, int port, InteropStorage storage)
    {
        Storage = storage;
        DataDir = dataDir;
        Port = port;
    }

    /// <summary>SQLite in <see cref="DataDir"/>, or a PostgreSQL database (COFFER_TEST_STORAGE=postgres), kept across restarts.</summary>
    public InteropStorage Storage { get; }

    /// <summary>The data directory (kept across restarts, deleted on dispose).</summary>
    public string DataDir { get; }

    public int Port { get; }

    /// <summary>The sync URL on the server's own port (no proxy in between).</summary>
    public string SyncUrl => $"http://127.0.0.1:{Port}{CofferServerHost.SyncPath}";

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many times the host was started (1 after <see cref="StartAsync"/>).</summary>
    public int Starts { get; private set; }

    public bool IsRunning => app != null;

    /// <summary>Starts a host on a free port (or <paramref name="port"/>) with a fresh data directory.</summary>
    public static async Task<CofferTestServer> StartAsync(int? port = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "coffer-interop", "server-" + Guid.NewGuid().ToString("N")[..12], "data");
        var server = new CofferTestServer(dataDir, port ?? FreePort.Next(), await InteropStorage.CreateAsync().ConfigureAwait(false));
        await server.StartHostAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Creates an account with both the PBKDF2 hash (basic auth) and the md5 credential (OMA md5 auth).</summary>
    public async Task AddUserAsync(string name, string password)
    {
        var passwordHash = PasswordHasher.Hash(password);
        await using var uow = await Store.BeginAsync().ConfigureAwait(false);
        (await uow.Users.TryCreateAsync(name, passwordHash, Md5Auth.CredentialHash(name, password)).ConfigureAwait(false))
            .ShouldNotBeNull($"user {name} exists already");
        await uow.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Live items (tombstones left out) of the user's datastore of this kind, with content.</summary>
    public async Task<IReadOnlyList<StoredItem>> LiveItemsAsync(string user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync().ConfigureAwait(false);
        var account = await uow.Users.FindByNameAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException($"no user {user}");
        var datastore = await uow.Datastores.GetAsync(account.Id, kind).ConfigureAwait(false);
        if (datastore == null)
        {
            return [];
        }

        var items = new List<StoredItem>();
        long after = 0;
        while (true)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 500).ConfigureAwait(false);
            items.AddRange(page);
            if (page.Count < 500)
            {
                return items;
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>The number of live items, as the store counts them.</summary>
    public async Task<long> CountLiveAsync(string user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync().ConfigureAwait(false);
        var account = await uow.Users.FindByNameAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException($"no user {user}");
        var datastore = await uow.Datastores.GetAsync(account.Id, kind).ConfigureAwait(false);
        return datastore == null ? 0 : await uow.Items.CountLiveAsync(datastore.Id).ConfigureAwait(false);
    }

    /// <summary>Stops the host (in-flight requests are cut after a short grace period); the data directory stays.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (app != null)
            {
                var running = app;
                app = null;
                await running.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
                await running.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A restart: stop, then a brand-new host on the same port and data directory (nothing kept in memory).</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartHostAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        gate.Dispose();
        if (Environment.GetEnvironmentVariable("COFFER_INTEROP_KEEP") != "1")
        {
            await Storage.DeleteAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(Path.GetDirectoryName(DataDir)!, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private ICofferStore Store => (app ?? throw new InvalidOperationException("The Coffer host is stopped.")).Services.GetRequiredService<ICofferStore>();

    private async Task StartHostAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (app != null)
            {
                return;
            }

            // Warnings only on the console: a 2,000-item session would otherwise log every request.
            var started = CofferServerHost.Build(
            [
                "--data", DataDir,
                "--urls", $"http://127.0.0.1:{Port}",
                "--Coffer:Sip:Listen=127.0.0.1:0",
                "--Logging:LogLevel:Default", "Warning",
                .. Storage.ServerArgs,
            ]);
            await started.StartAsync().ConfigureAwait(false);
            app = started;
            Starts++;
        }
        finally
        {
            gate.Release();
        }
    }
}
