using System.Net;
using System.Text.RegularExpressions;

namespace Coffer.Web.Tests;

/// <summary>
/// A browser without a browser: HttpClient with a cookie jar and no automatic redirects, signed in through the real
/// sign-in form, holding the antiforgery request token of its session (from a hidden form field or the csrf-token meta).
/// </summary>
public sealed partial class WebClient : IDisposable
{
    private readonly HttpClient client;

    /// <param name="cookies">A jar to share, e.g. to go on with a session after a server restart; null for a new one.</param>
    public WebClient(WebServer server, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = server.BaseUri,
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The session's antiforgery request token (after <see cref="SignInAsync"/> or <see cref="RefreshTokenAsync"/>).</summary>
    public string? AntiforgeryToken { get; private set; }

    public async Task SignInAsync(string user, string password)
    {
        await RefreshTokenAsync("/account/signin");
        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken!,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in of {user}");
        // The token is bound to the signed-in identity: take the one the pages now carry.
        await RefreshTokenAsync("/");
    }

    /// <summary>Reads the antiforgery token from the page at <paramref name="path"/>.</summary>
    public async Task RefreshTokenAsync(string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        match.Success.ShouldBeTrue($"no antiforgery token on {path}");
        AntiforgeryToken = WebUtility.HtmlDecode(match.Groups["v"].Value);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => client.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public void Dispose() => client.Dispose();

    [GeneratedRegex("""(?:name="__RequestVerificationToken" type="hidden" value="|name="csrf-token" content=")(?<v>[^"]+)""")]
    private static partial Regex TokenPattern();
}
