using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Server.Web;

namespace Coffer.Web.Tests;

/// <summary>Headers, HTTPS behind a proxy, sign-in limits, and the three ways into /api.</summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private WebServer server = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync("--Coffer:Sync:FailedLoginDelay=00:00:00");
        await server.AddUserAsync("alice", "alice-pass");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Pages_and_api_answers_carry_the_security_headers_and_sync_does_not()
    {
        using var client = new WebClient(server);
        foreach (var path in new[] { "/account/signin", "/api/quota", "/openapi/v1.json" })
        {
            using var response = await client.GetAsync(path);
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(SecurityHeaders.ContentSecurityPolicy, path);
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        }

        SecurityHeaders.ContentSecurityPolicy.ShouldNotContain("unsafe-inline");
        using var sync = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/sync") { Content = new ByteArrayContent([]) });
        sync.Headers.Contains("Content-Security-Policy").ShouldBeFalse();
    }

    [Fact]
    public async Task Behind_a_loopback_proxy_that_says_https_the_cookies_are_secure_and_without_it_they_are_not()
    {
        foreach (var proxied in new[] { true, false })
        {
            using var client = new WebClient(server);
            await client.RefreshTokenAsync("/account/signin");
            using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["UserName"] = "alice",
                    ["Password"] = "alice-pass",
                    ["__RequestVerificationToken"] = client.AntiforgeryToken!,
                }),
            };
            if (proxied)
            {
                post.Headers.Add("X-Forwarded-Proto", "https");
            }

            using var response = await client.SendAsync(post);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("coffer.auth=", StringComparison.Ordinal));
            cookie.ShouldContain("httponly", Case.Insensitive);
            cookie.ShouldContain("samesite=strict", Case.Insensitive);
            cookie.Contains("secure;", StringComparison.OrdinalIgnoreCase).ShouldBe(proxied, cookie);
        }
    }

    [Fact]
    public async Task A_locked_account_is_told_when_to_retry_and_an_address_is_rate_limited_on_sign_in_posts()
    {
        // A server of its own: every sign-in post of this address counts against its limit.
        await using var limitedServer = await WebServer.StartAsync(
            "--Coffer:Sync:FailedLoginDelay=00:00:00", "--Coffer:Sync:FailedLoginsPerAccount=2", "--Coffer:Web:SignInsPerMinute=6");
        await limitedServer.AddUserAsync("alice", "alice-pass");
        await limitedServer.AddUserAsync("bob", "bob-pass");
        using var client = new WebClient(limitedServer);
        await client.RefreshTokenAsync("/account/signin");
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await PostSignInAsync(client, "bob", "guess" + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var locked = await PostSignInAsync(client, "bob", "bob-pass");
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter.ShouldNotBeNull();
        (await locked.Content.ReadAsStringAsync()).ShouldContain("Too many failed sign-ins for this account or address. Try again in ");

        // Six posts a minute from this address (three above): the limiter refuses the seventh before any password check.
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostSignInAsync(client, "nobody", "x");
        }

        using var limited = await PostSignInAsync(client, "alice", "alice-pass");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.Content.ReadAsStringAsync()).ShouldStartWith("Too many sign-in attempts from this address. Try again in ");
    }

    [Fact]
    public async Task The_api_takes_a_token_basic_or_the_cookie_with_its_antiforgery_header()
    {
        using var web = new WebClient(server);
        await web.SignInAsync("alice", "alice-pass");
        (await web.GetAsync("/api/quota")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var noHeader = await web.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = Json(new { name = "script" }) });
        noHeader.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noHeader.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = Json(new { name = "script" }) };
        create.Headers.Add(WebSetup.AntiforgeryHeader, web.AntiforgeryToken);
        using var created = await web.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetInt64();

        using var api = new HttpClient { BaseAddress = server.BaseUri };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var listed = await api.GetAsync("/api/tokens");
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
        tokens.GetArrayLength().ShouldBe(1);
        tokens[0].GetProperty("name").GetString().ShouldBe("script");
        (await listed.Content.ReadAsStringAsync()).ShouldNotContain(token);

        // A token or Basic request needs no antiforgery header: another site cannot set Authorization.
        using var note = await api.PostAsync("/api/datastores/notes/items", new StringContent("from a script", Encoding.UTF8, "text/plain"));
        note.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/quota");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice-pass")));
        (await api.SendAsync(basic)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await api.DeleteAsync($"/api/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var revoked = await api.GetAsync("/api/quota");
        revoked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        revoked.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        revoked.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldBe(["Basic", "Bearer"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_routes()
    {
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        using var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var names = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        names.ShouldContain("/api/datastores/{store}/items");
        names.ShouldContain("/api/tokens/{id}");
        names.ShouldAllBe(n => n.StartsWith("/api/", StringComparison.Ordinal));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("token").GetProperty("scheme").GetString().ShouldBe("bearer");
        schemes.GetProperty("basic").GetProperty("scheme").GetString().ShouldBe("basic");
        schemes.GetProperty("cookie").GetProperty("in").GetString().ShouldBe("cookie");
        document.GetProperty("security").GetArrayLength().ShouldBe(3);
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> PostSignInAsync(WebClient client, string user, string password) =>
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = user,
                ["Password"] = password,
                ["__RequestVerificationToken"] = client.AntiforgeryToken!,
            }),
        });
}
