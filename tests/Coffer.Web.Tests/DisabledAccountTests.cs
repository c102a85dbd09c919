using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>A disabled account, with its right password, can neither sign in, sync nor use the API, and is told why.</summary>
public sealed class DisabledAccountTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private WebServer server = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        var bob = await server.AddUserAsync("bob", "bob pw");
        await using var uow = await server.Store.BeginAsync();
        await uow.Users.SetDisabledAsync(bob.Id, true);
        await uow.CommitAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Sign_in_sync_and_api_are_refused_with_a_clear_error()
    {
        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("User name").FillAsync("bob");
        await page.GetByLabel("Password").FillAsync("bob pw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).ShouldBe("This account is disabled. Ask the server's administrator to enable it.");
        page.Url.ShouldContain("/account/signin");
        await Screenshots.TakeAsync(page, "signin-disabled");

        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/quota");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:bob pw")));
        using var api = await http.SendAsync(request);
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Content.ReadAsStringAsync()).ShouldContain("This account is disabled");

        var root = Path.GetDirectoryName(server.DataDir)!;
        Directory.CreateDirectory(Path.Combine(root, "phone", "contacts"));
        var home = new AgentHome(Path.Combine(root, "agent"));
        home.Save(new AgentConfig { ServerUrl = server.SyncUri, User = "bob", DeviceId = "agent-disabled", DataDir = Path.Combine(root, "phone"), Datastores = ["contacts"] }, "bob pw");
        var (config, password) = home.Load();
        var summary = await new AgentRunner(home, config, password, new HttpSyncTransport(http), new QuietRunProgress()).RunAsync(RunMode.Backup, [], null, CancellationToken.None);
        summary.ExitCode.ShouldNotBe(ExitCodes.Ok);
        summary.Datastores.Single().Error.ShouldBe("reply to message 1: SyncHdr status 403: this account is disabled; ask the server's administrator");
    }

    [Fact]
    public async Task Disabling_or_demoting_a_signed_in_account_takes_effect_at_its_next_request()
    {
        var erin = await server.AddAdminAsync("erin", "erin pw");
        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "erin", "erin pw");
        await page.GotoAsync("/admin");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Administration");

        await using (var uow = await server.Store.BeginAsync())
        {
            await uow.Users.SetAdminAsync(erin.Id, false);
            await uow.CommitAsync();
        }

        await page.GotoAsync("/admin");
        page.Url.ShouldContain("/account/denied");
        await page.GotoAsync("/");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Hello, erin");

        await using (var uow = await server.Store.BeginAsync())
        {
            await uow.Users.SetDisabledAsync(erin.Id, true);
            await uow.CommitAsync();
        }

        await page.GotoAsync("/");
        page.Url.ShouldContain("/account/signin");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "coffer.auth");
    }
}
