using Microsoft.Playwright;

namespace Coffer.Web.Tests;

public sealed class SignInTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private WebServer server = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        await server.AddUserAsync("alice", "correct horse");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Signed_out_visitor_is_sent_to_sign_in_and_lands_on_the_page_asked_for()
    {
        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await page.GotoAsync("/?from=test");
        page.Url.ShouldContain("/account/signin");
        await Screenshots.TakeAsync(page, "signin");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("correct horse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync("**/?from=test");
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_sign_out_ends_the_session()
    {
        var page = await chromium.NewPageAsync(server);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).ShouldBe("Wrong user name or password.");

        await SignIn.AsAsync(page, "alice", "correct horse");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Hello, alice");
        await Screenshots.TakeAsync(page, "overview");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "coffer.auth");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Strict);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out (alice)" }).ClickAsync();
        await page.WaitForAddressAsync("**/account/signin");
        await page.GotoAsync("/");
        page.Url.ShouldContain("/account/signin");
    }
}
