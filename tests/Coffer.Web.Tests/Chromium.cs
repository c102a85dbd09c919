using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, installed by test.sh), headless, driven by Playwright; one browser per test
/// class, a fresh context (cookies, storage) per test. Playwright never downloads a browser of its own here.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>A phone's screen (CSS pixels) and a PC's.</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 640 };

    public static readonly ViewportSize Pc = new() { Width = 1366, Height = 900 };

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        File.Exists(ExecutablePath).ShouldBeTrue($"{ExecutablePath} is missing: test.sh installs Debian's chromium");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A new page in its own context, at a phone's or a PC's size, with the server as base URL.</summary>
    public async Task<IPage> NewPageAsync(WebServer server, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUri.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? Pc,
            IsMobile = viewport == Phone,
            HasTouch = viewport == Phone,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser != null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
