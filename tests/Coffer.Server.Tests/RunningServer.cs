using System.Net;
using System.Net.Sockets;
using Coffer.Server;
using Coffer.Storage;
using Coffer.SyncML.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests;

/// <summary>The real Coffer host on Kestrel, 127.0.0.1, a free port and a private data directory.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private bool stopped;

    private RunningServer(WebApplication app, string dataDir, Uri baseUri, LogCapture log)
    {
        App = app;
        DataDir = dataDir;
        BaseUri = baseUri;
        Log = log;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public WebApplication App { get; }

    public string DataDir { get; }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the host logged (at the levels its configuration lets through).</summary>
    public LogCapture Log { get; }

    /// <summary>The store the running server uses.</summary>
    public ICofferStore Store => App.Services.GetRequiredService<ICofferStore>();

    public static Task<RunningServer> StartAsync(params string[] extraArgs) => StartAtAsync(NewDataDir(), null, extraArgs);

    /// <summary>A fresh data directory for <see cref="StartAtAsync"/> (removed when a server on it is disposed).</summary>
    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "coffer-server-tests", Guid.NewGuid().ToString("N")[..12], "data");

    /// <summary>
    /// A server on <paramref name="dataDir"/> (one a stopped server used: a restart), on <paramref name="time"/>
    /// (simulated time) when given.
    /// </summary>
    public static async Task<RunningServer> StartAtAsync(string dataDir, TimeProvider? time, params string[] extraArgs)
    {
        var app = CofferServerHost.Build(["--urls", "http://127.0.0.1:0", "--data", dataDir, "--Coffer:Sip:Listen=127.0.0.1:0", .. extraArgs], time);
        var log = new LogCapture();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        await app.StartAsync();
        var url = CofferServerHost.SyncUrls(app).Single();
        return new RunningServer(app, dataDir, new Uri(new Uri(url), "/"), log);
    }

    /// <summary>
    /// Creates an account as <c>coffer user add NAME</c> does (with <c>--md5</c> when <paramref name="md5"/>);
    /// <paramref name="passwordHash"/> stores that hash instead of a fresh one (an account from an older release).
    /// </summary>
    public async Task<UserAccount> AddUserAsync(string name, string password, bool md5 = false, string? passwordHash = null)
    {
        // PBKDF2 runs before the unit of work: it must not hold the write lock (IUserRepository).
        var hash = passwordHash ?? PasswordHasher.Hash(password);
        await using var uow = await Store.BeginAsync();
        var user = await uow.Users.TryCreateAsync(name, hash, md5 ? Md5Auth.CredentialHash(name, password) : null);
        user.ShouldNotBeNull($"user {name} exists already");
        await uow.SipCredentials.SetAsync(user.Id, SipDigestCredential.Compute(name, SipDigestCredential.DefaultRealm, password));
        await uow.CommitAsync();
        return user;
    }

    /// <summary>An HTTP client whose connections come from <paramref name="localAddress"/> (any 127.x.y.z is the loopback host).</summary>
    public HttpClient ClientFrom(IPAddress localAddress) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<IReadOnlyDictionary<string, ExpositionParser.Family>> ScrapeAsync()
    {
        using var response = await Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return ExpositionParser.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Stops the host and keeps its data directory (<see cref="StartAtAsync"/> starts it again).</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(Path.GetDirectoryName(DataDir)!, recursive: true);
    }
}
