using Coffer.Server;
using Coffer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>The real Coffer host on Kestrel at 127.0.0.1, a free port and a private data directory, for the browser to drive.</summary>
public sealed class WebServer : IAsyncDisposable
{
    private WebServer(WebApplication app, string dataDir, Uri baseUri)
    {
        App = app;
        DataDir = dataDir;
        BaseUri = baseUri;
    }

    public WebApplication App { get; }

    public string DataDir { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; }

    /// <summary>The SyncML endpoint, for a phone (SyncEvolution) beside the browser.</summary>
    public Uri SyncUri => new(BaseUri, CofferServerHost.SyncPath);

    public ICofferStore Store => App.Services.GetRequiredService<ICofferStore>();

    public static Task<WebServer> StartAsync(params string[] extraArgs) =>
        StartAtAsync(Path.Combine(Path.GetTempPath(), "coffer-web-tests", Guid.NewGuid().ToString("N")[..12], "data"), extraArgs);

    /// <summary>A server on <paramref name="dataDir"/>, e.g. one a stopped server used (a restart).</summary>
    public static async Task<WebServer> StartAtAsync(string dataDir, params string[] extraArgs)
    {
        var app = CofferServerHost.Build(["--urls", "http://127.0.0.1:0", "--Coffer:Sip:Listen=127.0.0.1:0", "--data", dataDir, "--Logging:LogLevel:Default=Warning", .. extraArgs]);
        await app.StartAsync();
        var url = CofferServerHost.SyncUrls(app).Single();
        return new WebServer(app, dataDir, new Uri(new Uri(url), "/"));
    }

    /// <summary>
    /// Another node on this server's store: a data directory of its own beside this one's, holding only the master key
    /// (as every node of a cluster is given it) and a link to this node's SQLite database, as PostgreSQL is shared by
    /// the nodes of a cluster. Disposing it removes the directories of both.
    /// </summary>
    public Task<WebServer> StartNodeAsync(string name, params string[] extraArgs)
    {
        var dir = Path.Combine(Path.GetDirectoryName(DataDir)!, name);
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(DataDir, "master.key"), Path.Combine(dir, "master.key"));
        File.CreateSymbolicLink(Path.Combine(dir, "coffer.db"), Path.Combine(DataDir, "coffer.db"));
        return StartAtAsync(dir, extraArgs);
    }

    /// <summary>Creates an account as <c>coffer user add NAME</c> does.</summary>
    public async Task<UserAccount> AddUserAsync(string name, string password)
    {
        // PBKDF2 runs before the unit of work: it must not hold the write lock (IUserRepository).
        var hash = PasswordHasher.Hash(password);
        await using var uow = await Store.BeginAsync();
        var user = await uow.Users.TryCreateAsync(name, hash);
        user.ShouldNotBeNull($"user {name} exists already");
        await uow.CommitAsync();
        return user;
    }

    /// <summary>Stops the host and keeps its data directory (<see cref="StartAtAsync"/> starts it again).</summary>
    public async Task StopAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DataDir)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
