using System.Diagnostics.Metrics;
using System.Net;
using Coffer.Server.Metrics;
using Coffer.Server.Sync;
using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.Sync;
using Coffer.Sync.Auth;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Coffer.Sync.Metrics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coffer.Server;

/// <summary>
/// Builds the Coffer web host: configuration (--data / Coffer:DataDir, the standard --urls), the data directory,
/// /healthz, /metrics and the /sync endpoint. Wiring only: the sync engine plugs in behind /sync.
/// </summary>
public static class CofferServerHost
{
    /// <summary>Path of the SyncML endpoint (OMA-TS-DS_Protocol-V1_2 §5: the server URI the client posts to).</summary>
    public const string SyncPath = "/sync";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // "--data DIR" is the short form of Coffer:DataDir; added last so it wins over other sources.
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = CofferServerOptions.DataDirKey });

        var dataDir = Path.GetFullPath(builder.Configuration[CofferServerOptions.DataDirKey] is { Length: > 0 } configured ? configured : "data");
        PrivateFiles.EnsureDirectory(dataDir);

        // ASP.NET Core's request log prints each request's URL, and a sync URL carries the session token (RespURI
        // ?s=TOKEN), a bearer secret. The engine logs each message itself, with a label of the token instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        var publicUrl = builder.Configuration[CofferServerOptions.PublicUrlKey];
        builder.Services.AddSingleton(new CofferServerOptions { DataDir = dataDir, PublicUrl = publicUrl });
        builder.Services.AddSingleton(TimeProvider.System);
        // Read now, so a misspelt provider stops the start instead of the first sync.
        var storeProvider = StoreFactory.ParseProvider(builder.Configuration[StoreFactory.ProviderKey]);
        var storeConnection = builder.Configuration[StoreFactory.ConnectionStringKey];
        builder.Services.AddSingleton<ICofferStore>(sp => StoreFactory.Create(
            storeProvider,
            storeConnection,
            new StorageOptions { DataDir = dataDir },
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(ContentHandlers.CreateDefault());
        builder.Services.AddSingleton(sp => builder.Configuration.GetSection("Coffer:Sync").Get<SyncServerOptions>() ?? new SyncServerOptions());
        builder.Services.AddSingleton<ILoginThrottle, LoginThrottle>();
        builder.Services.AddSingleton<IThreadClock, LinuxThreadClock>();
        builder.Services.AddSingleton(sp => new CofferMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<IThreadClock>()));
        builder.Services.AddSingleton<SyncEngine>();
        builder.Services.AddHostedService<SessionCleanupService>();
        // Coffer's own meters — those of this host's meter factory, not another host's in the same process — and the
        // runtime's (GC collections and pauses, allocation, thread pool, exceptions).
        builder.Services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IMeterFactory>();
            return new PrometheusMetricsCollector(meter =>
                (meter.Name.StartsWith("Coffer", StringComparison.Ordinal) && meter.Scope == factory) || meter.Name == "System.Runtime");
        });

        var app = builder.Build();
        // Start listening with the host, so counts from the first request on are kept, and create the Coffer
        // instruments now: a static class is initialized lazily, and an instrument that does not exist yet
        // would be missing from /metrics until the engine first records to it.
        app.Services.GetRequiredService<PrometheusMetricsCollector>();
        app.Services.GetRequiredService<CofferMetrics>();

        app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"));
        app.MapGet("/metrics", (PrometheusMetricsCollector collector) =>
            Results.Text(collector.Scrape(), PrometheusTextFormatter.ContentType));
        app.MapPost(SyncPath, SyncEndpoint.HandleAsync);
        return app;
    }

    /// <summary>The sync URL for every address the started host listens on (wildcard hosts shown as this machine's name).</summary>
    public static IReadOnlyList<string> SyncUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(a => ToSyncUrl(a)).Distinct().ToList();
    }

    private static string ToSyncUrl(string address)
    {
        var uri = new Uri(address.Replace("://+", "://wildcard.invalid", StringComparison.Ordinal).Replace("://*", "://wildcard.invalid", StringComparison.Ordinal));
        var host = uri.Host is "wildcard.invalid" or "0.0.0.0" or "[::]" ? Dns.GetHostName() : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}{SyncPath}";
    }
}
