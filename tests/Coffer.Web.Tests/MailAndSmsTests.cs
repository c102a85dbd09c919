using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Storage;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// Mail (a Maildir) and SMS (.vmg files) backed up by the device agent, read in the browser — a hostile HTML mail
/// shown without running or loading anything — with an attachment downloaded and a message deleted; and the
/// /api/mail, /api/sms, /api/photos, /api/files routes over the same items.
/// </summary>
public sealed class MailAndSmsTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Password = "mail pw";
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        alice = await server.AddUserAsync("alice", Password);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Mail_is_read_safely_with_its_attachment_and_sms_are_listed_and_deleted()
    {
        var phone = new AgentDevice(server, "phone");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% invoice\n" + new string('x', 5000) + "\n%%EOF\n");
        phone.Put("mail", "cur/1765000001.M1P1.phone:2,S", MediaSamples.TextMail("Bob <bob@example.com>", "Lunch on Friday?", "Thu, 03 Dec 2026 12:00:00 +0100", "Shall we meet at noon?"));
        phone.Put("mail", "cur/1765000002.M1P2.phone:2,S", MediaSamples.HostileHtmlMail("Your invoice", pdf));
        phone.Put("sms", "sms-0001.vmg", MediaSamples.Sms("Carol", "+4915112345678", "05.12.2026 18:30:00", "On my way, see you soon"));
        phone.Put("sms", "sms-0002.vmg", MediaSamples.Sms("Dan", "+4915187654321", "06.12.2026 09:05:00", "Call me back please"));
        await phone.BackupAsync("alice", Password);

        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await SignIn.AsAsync(page, "alice", Password);
        await page.GotoAsync("/mail");
        (await page.Locator(".messages .what").AllInnerTextsAsync()).ShouldBe(["Lunch on Friday?", "Your invoice"], ignoreOrder: true);
        (await page.Locator(".messages .who").AllInnerTextsAsync()).ShouldBe(["Bob", "Mallory Example"], ignoreOrder: true);
        await Screenshots.TakeAsync(page, "mail");

        await page.Locator(".messages a", new() { HasText = "Your invoice" }).ClickAsync();
        await page.WaitForAddressAsync("**/mail/*");
        (await page.Locator(".mail-body").InnerTextAsync()).ShouldContain("Hello Alice");
        (await page.TitleAsync()).ShouldNotBe("pwned");
        (await page.Locator(".mail-body script, .mail-body img, .mail-body [onclick]").CountAsync()).ShouldBe(0);
        (await page.Locator(".mail-body a[href^='javascript']").CountAsync()).ShouldBe(0);
        await page.Locator(".mail-body p", new() { HasText = "Click me" }).ClickAsync();
        (await page.TitleAsync()).ShouldNotBe("pwned");
        requests.ShouldNotContain(u => u.Contains("track.gif", StringComparison.Ordinal));
        await Screenshots.TakeAsync(page, "mail-read");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "invoice.pdf" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("invoice.pdf");
        (await File.ReadAllBytesAsync(await download.PathAsync())).ShouldBe(pdf);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForAddressAsync("**/mail?deleted=*");
        (await page.Locator(".messages li").CountAsync()).ShouldBe(1);
        (await server.CountLiveAsync(alice, DatastoreKind.Mail)).ShouldBe(1);

        await page.GotoAsync("/sms");
        (await page.Locator(".messages .what").AllInnerTextsAsync()).ShouldBe(["On my way, see you soon", "Call me back please"], ignoreOrder: true);
        await Screenshots.TakeAsync(page, "sms");
        await page.Locator(".messages a", new() { HasText = "Call me back" }).ClickAsync();
        await page.WaitForAddressAsync("**/sms/*");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Dan (+4915187654321)");
        (await page.Locator(".sms-text").InnerTextAsync()).ShouldBe("Call me back please");
        await Screenshots.TakeAsync(page, "sms-read");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForAddressAsync("**/sms?deleted=*");
        (await server.CountLiveAsync(alice, DatastoreKind.Sms)).ShouldBe(1);

        await page.SetViewportSizeAsync(Chromium.Pc.Width, Chromium.Pc.Height);
        foreach (var (path, name) in new[] { ("/mail", "mail"), ("/sms", "sms") })
        {
            await page.GotoAsync(path);
            await Screenshots.TakeAsync(page, name);
            await page.Locator(".messages a").First.ClickAsync();
            await page.WaitForAddressAsync($"**{path}/*");
            await Screenshots.TakeAsync(page, name + "-read");
        }
    }

    [Fact]
    public async Task Api_lists_describes_streams_thumbnails_and_deletes_only_the_users_own_items()
    {
        var phone = new AgentDevice(server, "phone");
        var photo = MediaSamples.Jpeg(800, 600, "#336699");
        phone.Put("photos", "DCIM/IMG_1.jpg", photo);
        phone.Put("files", "docs/a.txt", "alpha\n"u8.ToArray());
        await phone.BackupAsync("alice", Password);
        await server.AddUserAsync("bob", "bob pw");

        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var list = await SendAsync(http, HttpMethod.Get, "/api/photos?page=1&pageSize=10", "alice", Password);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("total").GetInt32().ShouldBe(1);
        var item = json.GetProperty("items")[0];
        item.GetProperty("name").GetString().ShouldBe("DCIM/IMG_1.jpg");
        item.GetProperty("mediaType").GetString().ShouldBe("image/jpeg");
        var id = item.GetProperty("id").GetString()!;

        using var content = await SendAsync(http, HttpMethod.Get, $"/api/photos/{id}/content", "alice", Password);
        (await content.Content.ReadAsByteArrayAsync()).ShouldBe(photo);
        content.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("IMG_1.jpg");
        using var thumbnail = await SendAsync(http, HttpMethod.Get, $"/api/photos/{id}/thumbnail", "alice", Password);
        thumbnail.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        MediaSamples.SizeOf(await thumbnail.Content.ReadAsByteArrayAsync()).ShouldBe((256u, 192u));
        using var files = await SendAsync(http, HttpMethod.Get, "/api/files", "alice", Password);
        (await files.Content.ReadAsStringAsync()).ShouldContain("\"name\":\"docs/a.txt\"");

        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/api/photos/{id}"), (HttpMethod.Get, $"/api/photos/{id}/content"), (HttpMethod.Get, $"/api/photos/{id}/thumbnail"), (HttpMethod.Delete, $"/api/photos/{id}") })
        {
            using var bob = await SendAsync(http, method, path, "bob", "bob pw");
            bob.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        using var anonymous = await http.GetAsync($"/api/photos/{id}/content");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var delete = await SendAsync(http, HttpMethod.Delete, $"/api/photos/{id}", "alice", Password);
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await server.CountLiveAsync(alice, DatastoreKind.Photos)).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string user, string password)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await http.SendAsync(request);
    }
}
