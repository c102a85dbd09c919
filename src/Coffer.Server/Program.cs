namespace Coffer.Server;

/// <summary>Entry point: <c>dotnet run --project src/Coffer.Server [-- --data DIR --urls URL]</c>.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        await using var app = CofferServerHost.Build(args);
        await app.StartAsync();
        foreach (var url in CofferServerHost.SyncUrls(app))
        {
            Console.WriteLine($"Coffer sync URL: {url}");
        }

        Console.WriteLine($"Coffer data directory: {app.Services.GetRequiredService<CofferServerOptions>().DataDir}");
        await app.WaitForShutdownAsync();
    }
}
