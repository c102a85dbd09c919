using System.Net;
using System.Text;
using System.Text.Json;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>
/// Every page and API route of the app (its own endpoint list, <see cref="RouteCatalog"/>), asked for user A's data by
/// user B, by a signed-out visitor and without antiforgery tokens: B gets 403/404 for anything that names A's data
/// and never a byte of A's content, the visitor gets the sign-in page or 401, admin routes answer a non-administrator
/// 403, form posts without the token are refused with 400, and A's data is unchanged afterwards.
/// </summary>
public sealed class IsolationTests : IAsyncLifetime
{
    // Routes anyone may call: they carry no user's data (sync and DM authenticate inside the SyncML message).
    private static readonly HashSet<string> PublicRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        "/healthz", "/metrics", "/sync", "/dm", "/account/signin", "/account/denied", "/openapi/{documentName}.json",
    };

    private WebServer server = null!;
    private AliceData alice = null!;
    private List<RouteCase> cases = null!;
    private List<string> unfillable = null!;
    private long bobId;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync("--Coffer:Sync:FailedLoginDelay=00:00:00", "--Coffer:Web:SignInsPerMinute=1000");
        alice = await AliceData.CreateAsync(server, await server.AddUserAsync("alice", "alice-pass"));
        bobId = (await server.AddUserAsync("bob", "bob-pass")).Id;
        (cases, unfillable) = RouteCatalog.Build(server, alice);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public void Every_route_parameter_can_be_filled_with_the_owners_data()
    {
        unfillable.ShouldBeEmpty(string.Join("\n", unfillable));
        cases.Count(c => c.Kind == RouteKind.Api && c.NamesOwnerData).ShouldBeGreaterThan(0);
        cases.Count(c => c.Kind == RouteKind.Page).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Another_user_gets_403_or_404_for_the_owners_data_and_never_its_content()
    {
        unfillable.ShouldBeEmpty(string.Join("\n", unfillable));
        using var bob = new WebClient(server);
        await bob.SignInAsync("bob", "bob-pass");
        var problems = new List<string>();
        foreach (var route in cases)
        {
            using var request = Request(route, bob.AntiforgeryToken);
            var carried = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync();
            using var response = await bob.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Leaks(route, response, body, problems, carried);
            if (route.IsAdmin)
            {
                if (!IsForbidden(response))
                {
                    problems.Add($"{route}: a non-administrator got {status}, not 403");
                }
            }
            else if (route.NamesOwnerData && !route.Pattern.Contains("signout", StringComparison.OrdinalIgnoreCase)
                && !await IsOwnDeviceAsync(bobId, route))
            {
                // A read or delete of A's thing is 403/404; a write naming it may also be refused as malformed (400,
                // 405 for a page without that handler, 415, 422) — what matters is that it reached nothing, checked below by A's unchanged data.
                var allowed = route.IsUnsafe && route.Method != "DELETE" ? new[] { 400, 403, 404, 405, 415, 422 } : [403, 404];
                if (!allowed.Contains(status))
                {
                    problems.Add($"{route}: B got {status} for A's data");
                }
            }
            else if (status >= 500)
            {
                problems.Add($"{route}: {status}");
            }
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
        await AlicesDataIsUnchangedAsync();
    }

    [Fact]
    public async Task A_signed_out_visitor_gets_the_sign_in_page_or_401_and_nothing_else()
    {
        unfillable.ShouldBeEmpty(string.Join("\n", unfillable));
        using var visitor = new WebClient(server);
        var problems = new List<string>();
        foreach (var route in cases)
        {
            using var response = await visitor.SendAsync(Request(route, antiforgeryToken: null));
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Leaks(route, response, body, problems);
            if (PublicRoutes.Contains(route.Pattern))
            {
                if (status >= 500)
                {
                    problems.Add($"{route}: {status}");
                }
            }
            else if (route.Kind == RouteKind.Api)
            {
                if (status != 401)
                {
                    problems.Add($"{route}: a visitor got {status}, not 401");
                }
            }
            else if (route.Kind == RouteKind.Page)
            {
                var toSignIn = status == 302 && response.Headers.Location?.OriginalString.Contains("/account/signin", StringComparison.Ordinal) == true;
                if (!toSignIn && !(route.IsUnsafe && status == 400))
                {
                    problems.Add($"{route}: a visitor got {status} {response.Headers.Location}, not a redirect to sign in");
                }
            }
            else
            {
                problems.Add($"{route}: a route outside /api and the pages that is not in the list of public routes — protect it or list it in IsolationTests.PublicRoutes");
            }
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
        await AlicesDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Form_posts_and_cookie_api_writes_without_the_antiforgery_token_are_refused_with_400()
    {
        unfillable.ShouldBeEmpty(string.Join("\n", unfillable));
        using var owner = new WebClient(server);
        await owner.SignInAsync("alice", "alice-pass");
        var problems = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in cases.Where(c => c.IsUnsafe && c.Kind is RouteKind.Page or RouteKind.Api && !c.IsAdmin))
        {
            checkedRoutes++;
            using var response = await owner.SendAsync(Request(route, antiforgeryToken: null));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                problems.Add($"{route}: the owner without a token got {(int)response.StatusCode}, not 400");
            }
            else if (route.Kind == RouteKind.Api && !body.Contains("antiforgery", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{route}: 400, but not for the missing antiforgery token: {body}");
            }
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
        checkedRoutes.ShouldBeGreaterThan(0);
        await AlicesDataIsUnchangedAsync();

        // The same session with its token is let through: the refusals above were for the token alone.
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens")
        {
            Content = new StringContent("""{"name":"with token"}""", Encoding.UTF8, "application/json"),
        };
        create.Headers.Add("X-CSRF-TOKEN", owner.AntiforgeryToken);
        using var created = await owner.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_access_denied_page_answers_403()
    {
        using var bob = new WebClient(server);
        await bob.SignInAsync("bob", "bob-pass");
        using var denied = await bob.GetAsync("/account/denied");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>A non-administrator's page request under /admin is redirected to the access-denied page (403); an API request gets 403.</summary>
    private static bool IsForbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.Ordinal) == true);

    private void Leaks(RouteCase route, HttpResponseMessage response, string body, List<string> problems, string carried = "")
    {
        var text = body + "\n" + response.Headers + response.Content.Headers;
        // What the request itself carried (an id in its query, echoed in a sign-in redirect's ReturnUrl, or in its body) is not a leak.
        var sent = Uri.UnescapeDataString(route.Path) + "\n" + carried;
        foreach (var marker in alice.Markers.Where(m => text.Contains(m, StringComparison.Ordinal) && !sent.Contains(m, StringComparison.Ordinal)))
        {
            problems.Add($"{route}: the answer ({(int)response.StatusCode}) contains A's \"{marker}\"");
        }
    }

    /// <summary>
    /// Device ids are each account's own names (a SyncML device id, an IMEI): when B registered a device under the id
    /// A's device has (<c>POST /api/devices</c> with the body below), that id then names B's device, not A's, and
    /// B reaching it is no leak. A's device is checked unchanged at the end.
    /// </summary>
    private async Task<bool> IsOwnDeviceAsync(long userId, RouteCase route)
    {
        const string prefix = "/api/devices/";
        if (!route.Pattern.StartsWith(prefix + "{device}", StringComparison.Ordinal))
        {
            return false;
        }

        var id = Uri.UnescapeDataString(route.Path[prefix.Length..].Split('/', '?')[0]);
        await using var read = await server.Store.BeginReadAsync();
        return await read.Devices.GetAsync(userId, id) != null;
    }

    private HttpRequestMessage Request(RouteCase route, string? antiforgeryToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (!route.IsUnsafe)
        {
            return request;
        }

        if (route.Kind == RouteKind.Page)
        {
            var form = new Dictionary<string, string>();
            if (antiforgeryToken != null)
            {
                form["__RequestVerificationToken"] = antiforgeryToken;
            }

            request.Content = new FormUrlEncodedContent(form);
            return request;
        }

        if (antiforgeryToken != null)
        {
            request.Headers.Add("X-CSRF-TOKEN", antiforgeryToken);
        }

        // A body naming A's data wherever a body can: JSON for endpoints that read JSON, a contact otherwise.
        var itemId = alice.ItemContents.Keys.First();
        request.Content = route.AcceptsJson
            ? new StringContent(
                JsonSerializer.Serialize(new { scope = "item", datastore = alice.Stores[0], itemId, id = itemId, name = "x", deviceId = alice.DeviceId, generation = alice.Generation }),
                Encoding.UTF8,
                "application/json")
            : new StringContent("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Intruder;Bob;;;\r\nFN:Bob Intruder\r\nEND:VCARD\r\n", Encoding.UTF8, "text/vcard");
        return request;
    }

    private async Task AlicesDataIsUnchangedAsync()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        var now = new Dictionary<string, string>();
        foreach (var store in alice.Stores)
        {
            foreach (var item in await items.ListAsync(alice.UserId, Enum.Parse<DatastoreKind>(store, ignoreCase: true)))
            {
                now[item.Id] = Encoding.UTF8.GetString(item.Content!);
            }
        }

        now.ShouldBe(alice.ItemContents);
        await using var uow = await server.Store.BeginReadAsync();
        (await uow.Devices.GetByIdAsync(alice.DeviceRowId)).ShouldNotBeNull("A's device is gone");
        (await uow.ApiTokens.ListAsync(alice.UserId)).ShouldContain(t => t.Id == alice.TokenId);
        (await uow.Settings.GetAsync(alice.UserId))!.Carrier.ShouldBe("Ostravanet6621");
        var contacts = await uow.Datastores.GetAsync(alice.UserId, DatastoreKind.Contacts);
        (await uow.StorageArea.ListAsync(contacts!.Id)).ShouldContain(g => g.Id == alice.Generation);
    }
}
