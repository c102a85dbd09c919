using Coffer.Server;
using Microsoft.AspNetCore.Builder;

namespace Coffer.Server.Tests;

/// <summary>The real Coffer host on Kestrel, 127.0.0.1, a free port and a private data directory.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, string dataDir, Uri baseUri)
    {
        App = app;
        DataDir = dataDir;
        BaseUri = baseUri;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public WebApplication App { get; }

    public string DataDir { get; }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public static async Task<RunningServer> StartAsync(params string[] extraArgs)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "coffer-server-tests", Guid.NewGuid().ToString("N")[..12], "data");
        var app = CofferServerHost.Build(["--urls", "http://127.0.0.1:0", "--data", dataDir, .. extraArgs]);
        await app.StartAsync();
        var url = CofferServerHost.SyncUrls(app).Single();
        return new RunningServer(app, dataDir, new Uri(new Uri(url), "/"));
    }

    public async Task<IReadOnlyDictionary<string, ExpositionParser.Family>> ScrapeAsync()
    {
        using var response = await Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return ExpositionParser.Parse(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(DataDir)!, recursive: true);
    }
}
