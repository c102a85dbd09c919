using System.Diagnostics.Metrics;
using System.Net;
using Coffer.Backup;
using Coffer.Dm;
using Coffer.Server.Admin;
using Coffer.Server.Api;
using Coffer.Server.Backup;
using Coffer.Server.History;
using Coffer.Server.Metrics;
using Coffer.Server.Notifications;
using Coffer.Server.Sync;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.Sync.Cluster;
using Coffer.Sync;
using Coffer.Sync.Administration;
using Coffer.Sync.Auth;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Coffer.Sync.Metrics;
using Coffer.Sync.Notifications;
using Coffer.Sync.Progress;
using Coffer.Sync.Quotas;
using Coffer.Sync.Recovery;
using Coffer.Sync.Settings;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Coffer.Server;

/// <summary>
/// Builds the Coffer web host: configuration (--data / Coffer:DataDir, the standard --urls), the data directory,
/// /healthz, /metrics, the /sync endpoint and the JSON API under /api. Wiring only: the sync engine plugs in behind
/// /sync, the storage-area, history and quota services behind /api.
/// </summary>
public static class CofferServerHost
{
    /// <summary>Path of the SyncML endpoint (OMA-TS-DS_Protocol-V1_2 §5: the server URI the client posts to).</summary>
    public const string SyncPath = "/sync";

    /// <summary>The OMA DM endpoint (docs/device-management.md).</summary>
    public const string DmPath = "/dm";

    /// <summary>
    /// The host for <paramref name="args"/>; <paramref name="time"/> is the clock of everything time-driven in it (the
    /// store, the notification scheduler, the daily jobs), the system clock unless a test runs it in simulated time.
    /// </summary>
    public static WebApplication Build(string[] args, TimeProvider? time = null)
    {
        // The application is this assembly whoever hosts it (a test process too), so its Razor Pages are found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(CofferServerHost).Assembly.GetName().Name });
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
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        // Read now, so a misspelt provider stops the start instead of the first sync.
        var storeProvider = StoreFactory.ParseProvider(builder.Configuration[StoreFactory.ProviderKey]);
        var storeConnection = builder.Configuration[StoreFactory.ConnectionStringKey];
        var replicaConnection = builder.Configuration[StoreFactory.ReplicaConnectionStringKey];
        // The master key: Coffer:Storage:MasterKey, else COFFER_MASTER_KEY, else the key file in the data directory.
        var (masterKey, masterKeySource) = MasterKeyFile.Configured(builder.Configuration[MasterKeyFile.ConfigurationKey]);
        builder.Services.AddSingleton<ICofferStore>(sp => StoreFactory.Create(
            storeProvider,
            storeConnection,
            replicaConnection,
            new StorageOptions { DataDir = dataDir, MasterKey = masterKey, MasterKeySource = masterKeySource },
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<StoreStartup>();
        builder.Services.AddSingleton(new ReplicaReadOptions
        {
            ReadYourWrites = TimeSpan.FromSeconds(builder.Configuration.GetValue(ReplicaReadOptions.ReadYourWritesKey, 10.0)),
        });
        // Several nodes on one database (docs/operations.md, "Several nodes"): singleton jobs take a lease in the store.
        builder.Services.AddSingleton(NodeName.Create(builder.Configuration["Coffer:Node:Name"]));
        builder.Services.AddSingleton<JobLease>();
        builder.Services.AddSingleton(Coffer.Sync.Sip.SipRealm.From(builder.Configuration[SipDigestCredential.RealmKey]));
        builder.Services.AddSingleton(builder.Configuration.GetSection("Coffer:Sip").Get<Sip.SipServerOptions>() ?? new Sip.SipServerOptions());
        builder.Services.AddSingleton<Sip.StoreSipLocationService>();
        builder.Services.AddSingleton<Sip.SipLoginThrottle>();
        builder.Services.AddSingleton(sp => new Coffer.Sip.Proxy.PeerSessionTable(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Sip.SipServerOptions>().PeerSessionLifetime));
        builder.Services.AddSingleton<Sip.SipServerHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Sip.SipServerHost>());
        builder.Services.AddHostedService<Sip.SipBindingSweepService>();
        builder.Services.AddSingleton(ContentHandlers.CreateDefault());
        var quota = builder.Configuration.GetSection("Coffer:Quota").Get<QuotaOptions>() ?? new QuotaOptions();
        var area = builder.Configuration.GetSection("Coffer:Area").Get<StorageAreaOptions>() ?? new StorageAreaOptions();
        builder.Services.AddSingleton(quota);
        builder.Services.AddSingleton(area);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Coffer:History").Get<HistoryOptions>() ?? new HistoryOptions());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Coffer:Devices").Get<Api.DeviceLimitOptions>() ?? new Api.DeviceLimitOptions());
        builder.Services.AddSingleton(sp =>
        {
            var sync = builder.Configuration.GetSection("Coffer:Sync").Get<SyncServerOptions>() ?? new SyncServerOptions();
            sync.Quota = quota;
            sync.StorageArea = area;
            sync.ScratchDirectory ??= Path.Combine(dataDir, "tmp");
            return sync;
        });
        builder.Services.AddSingleton<SharedLoginFailures>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SharedLoginFailures>());
        builder.Services.AddSingleton<ILoginThrottle>(sp => new LoginThrottle(sp.GetRequiredService<SyncServerOptions>(), sp.GetRequiredService<SharedLoginFailures>()));
        builder.Services.AddSingleton<IThreadClock, LinuxThreadClock>();
        builder.Services.AddSingleton(sp => new CofferMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<IThreadClock>()));
        builder.Services.AddSingleton<PasswordVerifier>();
        builder.Services.AddSingleton<SyncProgress>();
        builder.Services.AddSingleton<SyncEngine>();
        builder.Services.AddHostedService<SessionCleanupService>();

        // The storage area, the history, quotas and the JSON API over them (docs/history-and-recovery.md).
        builder.Services.AddSingleton<AccountLogin>();
        builder.Services.AddSingleton<ApiAntiforgery>();
        // The OpenAPI document describes /api only (docs/api.md); /sync speaks SyncML, not JSON.
        builder.Services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiSecuritySchemes>();
        });
        builder.Services.AddSingleton<StorageArea>();
        builder.Services.AddSingleton<ItemHistory>();
        builder.Services.AddSingleton<HistoryPruner>();
        builder.Services.AddSingleton<UserQuotas>();
        builder.Services.AddSingleton<WebItems>();
        builder.Services.AddSingleton(sp => ItemIndexes.CreateDefault(sp.GetRequiredService<ICofferStore>()));
        builder.Services.AddSingleton<ContactFiles>();
        builder.Services.AddSingleton<ContactBook>();
        builder.Services.AddSingleton<NoteBook>();
        builder.Services.AddSingleton<CalendarBook>();
        builder.Services.AddSingleton<CalendarFiles>();
        builder.Services.AddSingleton<CalendarOccurrences>();
        builder.Services.AddSingleton<AccountSettings>();
        builder.Services.AddSingleton<UserDevices>();
        builder.Services.AddSingleton<PasswordChange>();
        builder.Services.AddSingleton<AccountOverview>();
        builder.Services.AddSingleton<HistoryRetentionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HistoryRetentionService>());

        // The daily secondary backup (docs/backup.md); the source is the store's own snapshot method: SQLite's online
        // backup API, or a COPY of every table in one REPEATABLE READ transaction on PostgreSQL.
        builder.Services.AddSingleton(sp => new BackupMetrics(sp.GetRequiredService<IMeterFactory>()));
        builder.Services.AddSingleton(builder.Configuration.GetSection("Coffer:Backup").Get<BackupOptions>() ?? new BackupOptions());
        builder.Services.AddSingleton<IBackupSource>(storeProvider == StoreProvider.Postgres
            ? new PostgresBackupSource(storeConnection!, dataDir)
            : new SqliteBackupSource(dataDir));
        builder.Services.AddSingleton<DailyBackupService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DailyBackupService>());

        // /metrics by OpenTelemetry's Prometheus exporter (text format 0.0.4): Coffer's own meters — those of this host's
        // meter factory, not another host's in the same process — and the runtime's (docs/operations.md, "Metrics").
        var hostMeters = new HostMeters();
        // Bytes on the wire per protocol (SIP, HTTP): a peer session's payload never passes here (docs/operations.md).
        var httpTraffic = new HttpTrafficCounter();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.CountTraffic(httpTraffic)));
        builder.Services.AddSingleton(sp => new TrafficMetrics(sp.GetRequiredService<IMeterFactory>(), httpTraffic));
        builder.Services.AddSingleton<SipMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HostMeters.CofferMeters, HostMeters.RuntimeMeter)
            .AddView(hostMeters.View)
            .AddPrometheusExporter(options =>
            {
                // Every scrape reads the instruments now; no labels or series beyond the instruments' own.
                options.ScrapeResponseCacheDurationMilliseconds = 0;
                options.ScopeInfoEnabled = false;
                options.TargetInfoEnabled = false;
            }));

        // Administration: accounts, devices, the audit log, store and backup status (docs/web.md, "Administration").
        builder.Services.AddSingleton(new StoreLocation(storeProvider, storeConnection, dataDir));
        builder.Services.AddSingleton<UserAdministration>();
        builder.Services.AddSingleton<DeviceAdministration>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<StoreStatusReader>();
        builder.Services.AddSingleton<NotificationOverview>();

        // Server-alerted syncs at night and their delivery (docs/notifications.md): the scheduler plans and sends,
        // each device's package #0 goes through every channel (the HTTP push mailbox the agent long-polls).
        var notifications = builder.Configuration.GetSection("Coffer:Notifications").Get<NotificationOptions>() ?? new NotificationOptions();
        if (notifications.Plan.Problem() is { } planProblem)
        {
            throw new InvalidOperationException($"Coffer:Notifications:Plan: {planProblem}");
        }

        builder.Services.AddSingleton(notifications);
        builder.Services.AddSingleton(notifications.Plan);
        builder.Services.AddSingleton(sp => new DeviceAlerts(sp.GetRequiredService<ICofferStore>(), notifications.ServerId));
        builder.Services.AddSingleton(sp => new PushMailbox(sp.GetRequiredService<ICofferStore>()));
        builder.Services.AddSingleton<INotificationChannel, PushChannel>();
        if (!string.IsNullOrEmpty(notifications.Sms.Url))
        {
            builder.Services.AddHttpClient(nameof(SmsGatewayChannel));
            builder.Services.AddSingleton<INotificationChannel>(sp => new SmsGatewayChannel(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SmsGatewayChannel)), notifications.Sms));
        }

        builder.Services.AddSingleton<DeviceNotificationSender>();

        // OMA DM (docs/device-management.md): the session engine, its jobs, failed logins through the one throttle.
        var dmSection = builder.Configuration.GetSection("Coffer:Dm");
        var dmOptions = dmSection.Get<DmServerOptions>() ?? new DmServerOptions();
        dmOptions.ServerId = dmSection["ServerId"] ?? notifications.ServerId;
        builder.Services.AddSingleton(dmOptions);
        builder.Services.AddSingleton<IDmLoginThrottle, Dm.DmLoginThrottle>();
        builder.Services.AddSingleton<DmSessionEngine>();
        builder.Services.AddSingleton<DmJobService>();
        builder.Services.AddSingleton<DmPackageZero>();
        builder.Services.AddSingleton<Dm.DmJobNotifier>();
        builder.Services.AddSingleton<DmDeferredRetries>();
        builder.Services.AddHostedService<Dm.DmRetryService>();
        builder.Services.AddSingleton<Dm.DmPages>();
        builder.Services.AddSingleton<AdminDeviceAlerts>();
        builder.Services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<DeviceNotificationSender>());
        builder.Services.AddSingleton<NotificationScheduler>();
        builder.Services.AddSingleton<NotificationService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationService>());
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, AccountRevalidation>();

        // The web pages for users and administrators (docs/web.md).
        builder.AddCofferWeb(dataDir);
        builder.AddCofferMedia();

        var app = builder.Build();
        // Start listening with the host, so counts from the first request on are kept, and create the Coffer
        // instruments now: a static class is initialized lazily, and an instrument that does not exist yet
        // would be missing from /metrics until the engine first records to it.
        hostMeters.Factory = app.Services.GetRequiredService<IMeterFactory>();
        app.Services.GetRequiredService<MeterProvider>();
        app.Services.GetRequiredService<CofferMetrics>();
        app.Services.GetRequiredService<BackupMetrics>();
        app.Services.GetRequiredService<TrafficMetrics>();
        app.Services.GetRequiredService<SipMetrics>();

        app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapPost(SyncPath, SyncEndpoint.HandleAsync);
        app.MapPost(DmPath, Dm.DmEndpoint.HandleAsync);
        app.MapCofferApi();
        app.MapOpenApi().AllowAnonymous();
        app.MapCofferAdminApi();
        app.UseCofferWeb();
        return app;
    }

    /// <summary>The sync URL for every address the started host listens on (wildcard hosts shown as the host name).</summary>
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
