using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coffer.Web.Tests;

/// <summary>
/// <c>POST /api/devices</c> registers at most Coffer:Devices:MaxPerUser devices per user (docs/api.md): a new one beyond
/// that is a 409 problem, an existing one is still accepted, other users are not affected, and the administrator's and
/// the user's devices pages state the limit.
/// </summary>
public sealed class DeviceLimitTests
{
    [Fact]
    public async Task A_device_beyond_the_limit_is_refused_with_a_problem_and_the_pages_show_the_limit()
    {
        await using var server = await WebServer.StartAsync("--Coffer:Notifications:Enabled=false", "--Coffer:Devices:MaxPerUser=2");
        await server.AddUserAsync("alice", "alice pw");
        await server.AddUserAsync("bob", "bob pw");
        await server.AddAdminAsync("root", "root pw");
        using var alice = Api(server, "alice", "alice pw");
        using var bob = Api(server, "bob", "bob pw");

        (await RegisterAsync(alice, "phone-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RegisterAsync(alice, "phone-2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var refused = await RegisterAsync(alice, "phone-3"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(409);
            problem.GetProperty("detail").GetString()!.ShouldContain("(2)");
        }

        (await RegisterAsync(alice, "phone-2")).StatusCode.ShouldBe(HttpStatusCode.OK, "a device that exists is not a new one");
        (await RegisterAsync(bob, "phone-3")).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is per user");

        using var root = new WebClient(server);
        await root.SignInAsync("root", "root pw");
        using (var admin = await root.GetAsync("/admin/devices"))
        {
            (await admin.Content.ReadAsStringAsync()).ShouldContain("Each user may have at most 2 devices");
        }

        using var user = new WebClient(server);
        await user.SignInAsync("alice", "alice pw");
        using var page = await user.GetAsync("/settings/devices");
        (await page.Content.ReadAsStringAsync()).ShouldContain("An account may have at most 2 devices");
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient api, string deviceId) =>
        await api.PostAsJsonAsync("/api/devices", new { deviceId });

    private static HttpClient Api(WebServer server, string user, string password)
    {
        var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }
}
