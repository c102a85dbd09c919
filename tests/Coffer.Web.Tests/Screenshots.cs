using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// Screenshots written as test artifacts: to $COFFER_SCREENSHOTS (test.sh sets TestResults/screenshots), else to a
/// folder under the temporary directory. Named NAME-phone.png or NAME-pc.png after the page's width.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Environment.GetEnvironmentVariable("COFFER_SCREENSHOTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Path.GetTempPath(), "coffer-web-screenshots");

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var size = page.ViewportSize?.Width <= Chromium.Phone.Width ? "phone" : "pc";
        var path = Path.Combine(Directory, $"{name}-{size}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(0);
        return path;
    }
}
