using Coffer.Storage;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// Photos and files backed up by the device agent over SyncML (so they sit in the blob store as manifests and
/// chunks), then seen, opened, downloaded and deleted in the browser at phone and PC size.
/// </summary>
public sealed class PhotosAndFilesTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Password = "photo pw";
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        alice = await server.AddUserAsync("alice", Password);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Gallery_shows_real_thumbnails_upright_and_a_photo_downloads_byte_for_byte_and_deletes()
    {
        var phone = new AgentDevice(server, "phone");
        var beach = MediaSamples.Jpeg(640, 480, "#1f8fd0");
        var portrait = MediaSamples.Jpeg(400, 200, "#d04f1f", orientation: 6);
        var screenshot = MediaSamples.Png(300, 600, "#2faa3f");
        phone.Put("photos", "DCIM/Camera/IMG_0001.jpg", beach);
        phone.Put("photos", "DCIM/Camera/IMG_0002.jpg", portrait);
        phone.Put("photos", "Screenshots/Screenshot 1 (ü).png", screenshot);
        await phone.BackupAsync("alice", Password);

        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var look = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(look, "alice", Password);
            await look.GotoAsync("/photos");
            await look.Locator(".gallery img").Nth(2).WaitForAsync();
            (await look.Locator(".gallery img").CountAsync()).ShouldBe(3);
            await WaitForImagesAsync(look);
            await Screenshots.TakeAsync(look, "photos");
            await look.Locator(".gallery a").First.ClickAsync();
            await look.WaitForAddressAsync("**/photos/*");
            await WaitForImagesAsync(look);
            await Screenshots.TakeAsync(look, "photo");
            await look.Context.CloseAsync();
        }

        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(page, "alice", Password);
        await page.GotoAsync("/photos");

        // Every tile is a JPEG made from the photo: 256 pixels on its long side, the EXIF-rotated one standing upright.
        var tiles = await page.Locator(".gallery img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.getAttribute('src'))");
        var sizes = new List<(uint Width, uint Height)>();
        foreach (var src in tiles)
        {
            var response = await page.APIRequest.GetAsync(src);
            response.Status.ShouldBe(200);
            response.Headers["content-type"].ShouldBe("image/jpeg");
            response.Headers["cache-control"].ShouldContain("private");
            sizes.Add(MediaSamples.SizeOf(await response.BodyAsync()));
        }

        sizes.ShouldBe([(128u, 256u), (256u, 192u), (128u, 256u)], ignoreOrder: true);

        // Open the upright one (the agent sent IMG_0002 after IMG_0001, so it is newer and listed before it).
        await page.Locator(".gallery a[title='DCIM/Camera/IMG_0002.jpg']").ClickAsync();
        await page.WaitForAddressAsync("**/photos/*");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("IMG_0002.jpg");
        await WaitForImagesAsync(page);
        (await page.Locator(".view img").EvaluateAsync<int>("i => i.naturalHeight")).ShouldBeGreaterThan(await page.Locator(".view img").EvaluateAsync<int>("i => i.naturalWidth"));
        await Screenshots.TakeAsync(page, "photo");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("IMG_0002.jpg");
        (await File.ReadAllBytesAsync(await download.PathAsync())).ShouldBe(portrait);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForAddressAsync("**/photos?deleted=*");
        (await page.GetByRole(AriaRole.Status).TextContentAsync() ?? "").ShouldContain("Deleted IMG_0002.jpg");
        (await page.Locator(".gallery img").CountAsync()).ShouldBe(2);
        (await server.CountLiveAsync(alice, DatastoreKind.Photos)).ShouldBe(2);

        // Another user finds nothing of alice's.
        await server.AddUserAsync("bob", "bob pw");
        var bob = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(bob, "bob", "bob pw");
        var id = tiles[0]!.Split('?')[0];
        (await bob.APIRequest.GetAsync(id + "?handler=download")).Status.ShouldBe(404);
        (await bob.APIRequest.GetAsync(tiles[0]!)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Files_are_listed_by_folder_and_a_large_one_streams_with_ranges()
    {
        var laptop = new AgentDevice(server, "laptop");
        var large = new byte[(2 * 1024 * 1024) + 12_345];
        new Random(7).NextBytes(large);
        laptop.Put("files", "reports/2026/q3.bin", large);
        laptop.Put("files", "reports/summary.txt", "quarter three\n"u8.ToArray());
        laptop.Put("files", "pictures/logo.png", MediaSamples.Png(120, 60, "#1f5fbf"));
        laptop.Put("files", "readme.md", "# Files\n"u8.ToArray());
        await laptop.BackupAsync("alice", Password);

        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "alice", Password);
            await page.GotoAsync("/files");
            (await page.Locator(".listing .folder .label").AllInnerTextsAsync()).ShouldBe(["pictures", "reports"]);
            (await page.Locator(".listing .file .label").AllInnerTextsAsync()).ShouldBe(["readme.md"]);
            await Screenshots.TakeAsync(page, "files");

            await page.Locator(".listing .folder a", new() { HasText = "reports" }).ClickAsync();
            await page.WaitForAddressAsync("**/files?path=reports*");
            (await page.Locator(".listing .folder .label").AllInnerTextsAsync()).ShouldBe(["2026"]);
            await page.Locator(".listing .folder a", new() { HasText = "2026" }).ClickAsync();
            await page.Locator(".listing .file a", new() { HasText = "q3.bin" }).ClickAsync();
            await page.WaitForAddressAsync("**/files/*");
            (await page.Locator(".facts").TextContentAsync() ?? "").ShouldContain("2 MB");
            await Screenshots.TakeAsync(page, "file");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
            download.SuggestedFilename.ShouldBe("q3.bin");
            (await File.ReadAllBytesAsync(await download.PathAsync())).ShouldBe(large);

            // A range across the first blob chunk's end is read from two chunks.
            var url = page.Url + "?handler=download";
            var part = await page.APIRequest.GetAsync(url, new() { Headers = new Dictionary<string, string> { ["Range"] = "bytes=1048000-1049999" } });
            part.Status.ShouldBe(206);
            (await part.BodyAsync()).ShouldBe(large[1048000..1050000]);
            await page.Context.CloseAsync();
        }
    }

    private static Task WaitForImagesAsync(IPage page) =>
        page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
}
