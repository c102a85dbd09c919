using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Server;
using Coffer.Storage;
using Coffer.Sync.Web;
using Coffer.WebBench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// The contact list with many contacts (bench/README.md "Web pages"): the first page and searches, server time and
// time to render in Debian's chromium (Navigation Timing), and the JSON API's requests per second for one contact.
var contacts = Option("--contacts", 20_000);
var runs = Option("--runs", 20);
var apiSeconds = Option("--api-seconds", 10);
var apiConcurrency = Option("--api-concurrency", 4);

var dataDir = Path.Combine(Path.GetTempPath(), "coffer-webbench-" + Guid.NewGuid().ToString("N")[..8]);
var app = CofferServerHost.Build(["--urls", "http://127.0.0.1:0", "--data", dataDir, "--Logging:LogLevel:Default=Warning"]);
await app.StartAsync();
var baseUri = new Uri(new Uri(CofferServerHost.SyncUrls(app).Single()), "/");
var store = app.Services.GetRequiredService<ICofferStore>();
UserAccount user;
await using (var uow = await store.BeginAsync())
{
    user = (await uow.Users.TryCreateAsync("bench", PasswordHasher.Hash("bench-pass")))!;
    await uow.CommitAsync();
}

var seed = Stopwatch.StartNew();
await ContactSeeder.SeedAsync(store, user, contacts);
Console.WriteLine($"seeded {contacts} contacts in {seed.Elapsed.TotalSeconds:F1} s");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
var context = await browser.NewContextAsync(new() { BaseURL = baseUri.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1366, Height = 900 } });
var page = await context.NewPageAsync();
await page.GotoAsync("/account/signin");
await page.GetByLabel("User name").FillAsync("bench");
await page.GetByLabel("Password").FillAsync("bench-pass");
await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));

var rows = new List<string[]>();
var cold = await NavigateAsync(page, "/contacts");
rows.Add(["first page, first request (index built from the store)", "1", Ms(cold.Server), Ms(cold.Render), "—", cold.Items.ToString(CultureInfo.InvariantCulture)]);
foreach (var (label, path) in new[]
{
    ("first page", "/contacts"),
    ("page 200 (from=10000)", "/contacts?from=10000"),
    ("search by name (\"anna schmidt\")", "/contacts?q=anna+schmidt"),
    ("search by phone digits (\"170 0012345\")", "/contacts?q=170+0012345"),
})
{
    var results = new List<Timing>();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < runs; i++)
    {
        results.Add(await NavigateAsync(page, path));
    }

    var cpuPer = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
    rows.Add([label, runs.ToString(CultureInfo.InvariantCulture), Ms(Median(results.Select(r => r.Server))), Ms(Median(results.Select(r => r.Render))), Ms(cpuPer), results[0].Items.ToString(CultureInfo.InvariantCulture)]);
}

Console.WriteLine();
Console.WriteLine($"| /contacts with {contacts:N0} contacts | runs | server time (median) | render in chromium (median) | server CPU per request | rows shown |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in rows)
{
    Console.WriteLine("| " + string.Join(" | ", r) + " |");
}

// The JSON API: one contact read by id, over and over, by a few concurrent clients.
var ids = (await app.Services.GetRequiredService<ItemIndexes>().AllAsync(user.Id, DatastoreKind.Contacts)).Select(s => s.Id).Take(1000).ToArray();
using var http = new HttpClient { BaseAddress = baseUri };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:bench-pass")));
(await http.GetAsync($"/api/contacts/{ids[0]}")).EnsureSuccessStatusCode();
var apiRows = new List<string[]>();
foreach (var (label, pathOf) in new (string, Func<int, string>)[]
{
    ("GET /api/contacts/{id}", i => $"/api/contacts/{ids[i % ids.Length]}"),
    ("GET /api/contacts?q=… (search, 50 per page)", i => $"/api/contacts?q=anna+m{i % 10}"),
})
{
    var count = 0L;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(apiSeconds);
    await Task.WhenAll(Enumerable.Range(0, apiConcurrency).Select(async w =>
    {
        var n = w;
        while (clock.Elapsed < until)
        {
            using var response = await http.GetAsync(pathOf(n));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            Interlocked.Increment(ref count);
            n += apiConcurrency;
        }
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
    apiRows.Add([label, apiConcurrency.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), (count / seconds).ToString("F0", CultureInfo.InvariantCulture), Ms(cpuMs / count)]);
}

Console.WriteLine();
Console.WriteLine($"| API with {contacts:N0} contacts, {apiSeconds} s each | clients | requests | requests/s | CPU per request (server + client) |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var r in apiRows)
{
    Console.WriteLine("| " + string.Join(" | ", r) + " |");
}

await app.StopAsync();
Directory.Delete(dataDir, recursive: true);
return;

static async Task<Timing> NavigateAsync(IPage page, string path)
{
    await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
    var json = await page.EvaluateAsync<JsonElement>("() => { const n = performance.getEntriesByType('navigation')[0]; return { server: n.responseStart - n.requestStart, render: n.loadEventEnd - n.responseEnd, items: document.querySelectorAll('ul.items li').length }; }");
    return new Timing(json.GetProperty("server").GetDouble(), json.GetProperty("render").GetDouble(), json.GetProperty("items").GetInt32());
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture) + " ms";

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record Timing(double Server, double Render, int Items);
