using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Dm;
using Coffer.Dm.Tests;
using Coffer.SyncML.Dm;

namespace Coffer.Web.Tests.Dm;

/// <summary>
/// POST /dm and the DM JSON API on a running server: a device enrolls with its owner's login, a backup asked through
/// the API runs over HTTP with the scripted DM client, and the device's DM overview shows it.
/// </summary>
public sealed class DmEndpointTests : IAsyncLifetime
{
    private const string Device = "dm-phone-1";
    private WebServer server = null!;
    private HttpClient alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync("--Coffer:Notifications:Enabled=false");
        await server.AddUserAsync("alice", "alice pw");
        await server.AddUserAsync("bob", "bob pw");
        alice = Api("alice", "alice pw");
        (await alice.PostAsJsonAsync("/api/devices", new { deviceId = Device })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        alice.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_backup_asked_through_the_api_runs_over_http_and_shows_in_the_overview()
    {
        var enrollment = await EnrollAsync();
        var client = Client(enrollment, SampleTree());
        (await alice.PostAsync($"/api/devices/{Device}/dm/backup", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // Package 0 waits in the push mailbox as the device's DM package, signed with its server secret.
        using var poll = await alice.GetAsync($"/api/devices/{Device}/notifications?wait=0");
        poll.StatusCode.ShouldBe(HttpStatusCode.OK);
        poll.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.syncml.notification");
        var package = await poll.Content.ReadAsByteArrayAsync();
        DmNotificationCodec.Verify(package, enrollment.ServerId, enrollment.ServerSecret, []).ShouldBeTrue();
        DmNotificationCodec.Verify(package, enrollment.ServerId, "another secret", []).ShouldBeFalse();

        (await client.RunSessionAsync(1200, DmNotificationCodec.Decode(package).SessionId.ToString(CultureInfo.InvariantCulture))).ShouldBe(212);

        using var overview = JsonDocument.Parse(await alice.GetStringAsync($"/api/devices/{Device}/dm"));
        var root = overview.RootElement;
        root.GetProperty("enrolled").GetBoolean().ShouldBeTrue();
        root.GetProperty("treeNodes").GetInt32().ShouldBeGreaterThan(10);
        root.GetProperty("firmware").EnumerateArray().Select(f => f.GetProperty("firmware").GetString()).ShouldBe(["2.1"]);
        var job = root.GetProperty("jobs").EnumerateArray().ShouldHaveSingleItem();
        job.GetProperty("state").GetString().ShouldBe("done");
        job.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("decision").GetString()).ShouldContain("established");
    }

    [Fact]
    public async Task The_enrollment_secrets_are_not_kept_in_clear()
    {
        var enrollment = await EnrollAsync();
        (await Client(enrollment, SampleTree()).RunSessionAsync()).ShouldBe(212);
        await server.StopAsync();

        foreach (var file in Directory.EnumerateFiles(server.DataDir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { enrollment.ClientSecret, enrollment.ServerSecret })
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, file);
            }
        }
    }

    [Fact]
    public async Task Another_user_cannot_enroll_or_manage_the_device()
    {
        using var bob = Api("bob", "bob pw");
        (await bob.PostAsync($"/api/devices/{Device}/dm-account", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetAsync($"/api/devices/{Device}/dm")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsync($"/api/devices/{Device}/dm/backup", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsJsonAsync($"/api/devices/{Device}/dm/restore", new { from = Device })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.PostAsJsonAsync($"/api/devices/{Device}/dm/restore", new { from = Device })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "no backup yet");
    }

    [Fact]
    public async Task A_job_for_a_device_without_a_dm_account_is_refused_as_the_pages_refuse_it()
    {
        using var backup = await alice.PostAsync($"/api/devices/{Device}/dm/backup", null);
        backup.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await backup.Content.ReadAsStringAsync()).ShouldContain($"{Device} has no DM account: enroll it first (coffer-agent dm enroll on the device).");
        using (var overview = JsonDocument.Parse(await alice.GetStringAsync($"/api/devices/{Device}/dm")))
        {
            overview.RootElement.GetProperty("jobs").GetArrayLength().ShouldBe(0, "no job made");
        }

        await EnrollAsync();
        (await alice.PostAsync($"/api/devices/{Device}/dm/backup", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Messages_that_are_not_dm_are_refused_at_the_door()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        (await http.PostAsync("/dm", new StringContent("<SyncML/>", Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var garbage = new ByteArrayContent("not xml"u8.ToArray());
        garbage.Headers.ContentType = new MediaTypeHeaderValue(DmMessageCodec.XmlContentType);
        (await http.PostAsync("/dm", garbage)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static TestTree SampleTree()
    {
        var tree = TestTree.Device(Device, "Acme", "A1", "2.1");
        tree.Leaf("./Coffer/Backup/Settings/ringer", "loud");
        tree.Leaf("./Coffer/Backup/Certs/root.der", [0x30, 0x82, 0x01, 0x0a]);
        return tree;
    }

    private async Task<DmEnrollment> EnrollAsync()
    {
        var response = await alice.PostAsync($"/api/devices/{Device}/dm-account", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var enrollment = (await response.Content.ReadFromJsonAsync<DmEnrollment>())!;
        enrollment.ServerUrl.ShouldBe(new Uri(server.BaseUri, "/dm").ToString());
        return enrollment;
    }

    private ScriptedDmClient Client(DmEnrollment enrollment, TestTree tree)
    {
        var http = new HttpClient();
        return new ScriptedDmClient(
            async (body, token) =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(DmMessageCodec.XmlContentType);
                using var response = await http.PostAsync(enrollment.ServerUrl + (token == null ? string.Empty : "?s=" + Uri.EscapeDataString(token)), content);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                response.Content.Headers.ContentType!.MediaType.ShouldBe(DmMessageCodec.XmlContentType);
                return await response.Content.ReadAsByteArrayAsync();
            },
            tree,
            enrollment.ClientName,
            enrollment.ClientSecret,
            enrollment.ServerId,
            enrollment.ServerSecret)
        {
            ServerUrl = enrollment.ServerUrl,
        };
    }

    private HttpClient Api(string user, string password)
    {
        var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }
}
