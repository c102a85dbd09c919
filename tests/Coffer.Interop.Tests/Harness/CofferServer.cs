using System.Collections.Concurrent;
using System.Text;
using Coffer.Server;
using Coffer.Storage;
using Coffer.SyncML.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The real Coffer host (<see cref="CofferServerHost.Build"/>) in-process on Kestrel, 127.0.0.1, a free port and a
/// private data directory, for SyncEvolution phones to sync with. Users are created through Coffer.Storage exactly
/// as <c>coffer user add</c> does; items are read back through a read unit of work of the server's own store.
/// The server's log (Coffer categories, Information and up) is kept in <see cref="Log"/> for assertion messages.
/// </summary>
public sealed class CofferServer : IAsyncDisposable
{
    private readonly LogCapture capture;
    private bool stopped;

    private CofferServer(WebApplication app, string root, string dataDir, string syncUrl, LogCapture capture, InteropStorage storage)
    {
        Storage = storage;
        App = app;
        Root = root;
        DataDir = dataDir;
        SyncUrl = syncUrl;
        this.capture = capture;
    }

    public WebApplication App { get; }

    /// <summary>SQLite in <see cref="DataDir"/>, or a PostgreSQL database (COFFER_TEST_STORAGE=postgres).</summary>
    public InteropStorage Storage { get; }

    /// <summary>The server's data directory (coffer.db on SQLite).</summary>
    public string DataDir { get; }

    /// <summary>http://127.0.0.1:PORT/sync.</summary>
    public string SyncUrl { get; }

    /// <summary>The server's log lines so far (newest last).</summary>
    public string Log => capture.Text;

    private string Root { get; }

    /// <summary>Starts the host; <paramref name="extraArgs"/> are further configuration (e.g. "--Coffer:Sync:PageSize=5").</summary>
    public static Task<CofferServer> StartAsync(params string[] extraArgs) => StartAsync(LogLevel.Information, extraArgs);

    /// <summary>Starts the host, keeping log lines from <paramref name="captureLevel"/> up (Coffer categories at that level too).</summary>
    public static Task<CofferServer> StartAsync(LogLevel captureLevel, params string[] extraArgs) =>
        StartInAsync(Path.Combine(Path.GetTempPath(), "coffer-interop", "server-" + Guid.NewGuid().ToString("N")[..12]), captureLevel, extraArgs);

    /// <summary>Starts the host on the data directory <paramref name="root"/>/data (a restored one, or new), deleted with <paramref name="root"/> on dispose.</summary>
    public static async Task<CofferServer> StartInAsync(string root, LogLevel captureLevel, params string[] extraArgs) =>
        await StartInAsync(root, await InteropStorage.CreateAsync().ConfigureAwait(false), captureLevel, extraArgs).ConfigureAwait(false);

    /// <summary>Starts the host on <paramref name="root"/>/data and <paramref name="storage"/> (a database restored beforehand), both deleted on dispose.</summary>
    public static async Task<CofferServer> StartInAsync(string root, InteropStorage storage, LogLevel captureLevel, params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var dataDir = Path.Combine(root, "data");
        var app = CofferServerHost.Build(
        [
            "--data", dataDir,
            // Port 0: Kestrel binds a free port itself (no race between picking and binding).
            "--urls", "http://127.0.0.1:0",
            "--Coffer:Sip:Listen=127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--Logging:LogLevel:Coffer={captureLevel}",
            // The console would interleave with the test runner's output; the capture below keeps the log.
            "--Logging:Console:LogLevel:Default=None",
            .. storage.ServerArgs,
            .. extraArgs,
        ]);
        var capture = new LogCapture(captureLevel);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        await app.StartAsync().ConfigureAwait(false);
        var url = CofferServerHost.SyncUrls(app).Single();
        return new CofferServer(app, root, dataDir, url, capture, storage);
    }

    /// <summary>Creates an account the way <c>coffer user add NAME --password-stdin</c> does.</summary>
    public async Task AddUserAsync(string name, string password)
    {
        // PBKDF2 runs before the unit of work: it must not hold the write lock (IUserRepository).
        var hash = PasswordHasher.Hash(password);
        var md5 = Md5Auth.CredentialHash(name, password);
        await using var uow = await Store.BeginAsync().ConfigureAwait(false);
        var user = (await uow.Users.TryCreateAsync(name, hash, md5).ConfigureAwait(false)).ShouldNotBeNull($"user {name} exists already");
        await uow.SipCredentials.SetAsync(user.Id, SipDigestCredential.Compute(name, SipDigestCredential.DefaultRealm, password)).ConfigureAwait(false);
        await uow.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>The store the running server uses.</summary>
    public ICofferStore Store => App.Services.GetRequiredService<ICofferStore>();

    /// <summary>The live (not deleted) items of a user's datastore, decoded as UTF-8 text, in sequence order.</summary>
    public async Task<IReadOnlyList<string>> LiveItemsAsync(string user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync().ConfigureAwait(false);
        var account = await uow.Users.FindByNameAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException($"no user {user}");
        var datastore = await uow.Datastores.GetAsync(account.Id, kind).ConfigureAwait(false);
        if (datastore == null)
        {
            return [];
        }

        var items = new List<string>();
        var after = 0L;
        while (true)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 500).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return items;
            }

            items.AddRange(page.Select(i => Encoding.UTF8.GetString(i.Content ?? [])));
            after = page[^1].Sequence;
        }
    }

    /// <summary>How many live items the user's datastore holds (CountLiveAsync of the store).</summary>
    public async Task<long> CountLiveAsync(string user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync().ConfigureAwait(false);
        var account = await uow.Users.FindByNameAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException($"no user {user}");
        var datastore = await uow.Datastores.GetAsync(account.Id, kind).ConfigureAwait(false);
        return datastore == null ? 0 : await uow.Items.CountLiveAsync(datastore.Id).ConfigureAwait(false);
    }

    /// <summary>The user's change sequence: it moves on every add, replace and delete, so "unchanged" means no write.</summary>
    public async Task<long> CurrentSequenceAsync(string user)
    {
        await using var uow = await Store.BeginReadAsync().ConfigureAwait(false);
        var account = await uow.Users.FindByNameAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException($"no user {user}");
        return await uow.Items.GetCurrentSequenceAsync(account.Id).ConfigureAwait(false);
    }

    /// <summary>Stops the host (the data directory stays until <see cref="DisposeAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("COFFER_INTEROP_KEEP") == "1")
        {
            return;
        }

        await Storage.DeleteAsync().ConfigureAwait(false);

        // Pooled SQLite connections may keep the file open until the pool is cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    /// <summary>Keeps log lines in memory.</summary>
    private sealed class LogCapture(LogLevel minimum) : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public string Text => string.Join('\n', lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines, minimum);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines, LogLevel minimum) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception == null ? string.Empty : "\n" + exception)}");
            }
        }
    }
}
