using Coffer.Agent.Runs;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Agent.Dm;
using Coffer.Agent.Profile;

namespace Coffer.Agent.Tests.Dm;

/// <summary>
/// Devices of one user on the real server, each a <c>coffer-agent</c> with a profile folder, registered (a first
/// <c>listen</c>) and enrolled for DM (<c>dm enroll</c>), and the user's JSON API for their DM jobs.
/// </summary>
internal sealed class DmFleet(TestServer server, string user, string password) : IDisposable
{
    private readonly HttpClient api = Api(server, user, password);

    public async Task<Agent> PhoneAsync(string name, string model, bool filled, params string[] init)
    {
        var phone = new Agent(server.Root, name);
        await phone.InitOkAsync(server.SyncUrl, user, password, ["--datastore", "contacts", .. init]);
        var profile = Path.Combine(phone.DataDir, ProfileLayout.Datastore);
        if (filled)
        {
            DmProfileSample.Fill(profile, model);
        }
        else
        {
            Directory.CreateDirectory(profile);
            File.WriteAllText(Path.Combine(profile, ProfileLayout.DeviceFile), $$"""{ "manufacturer": "Nokia", "model": "{{model}}", "firmwareVersion": "21.0.016", "softwareVersion": "v 21.0" }""");
        }

        var listen = await phone.RunAsync("listen", "--once", "--wait", "0");
        listen.ExitCode.ShouldBe(ExitCodes.Ok, listen.ToString());
        var enroll = await phone.RunAsync("dm", "enroll");
        enroll.ExitCode.ShouldBe(ExitCodes.Ok, enroll.ToString());
        return phone;
    }

    public static DmAccountFile Account(Agent phone) => new(Path.Combine(phone.ConfigDir, "dm.json"));

    public async Task<JsonElement> BackupAsync(Agent phone) => await PostAsync($"/api/devices/{phone.DeviceId}/dm/backup", null);

    public async Task<JsonElement> RestoreAsync(Agent onto, Agent from) =>
        await PostAsync($"/api/devices/{onto.DeviceId}/dm/restore", JsonContent.Create(new { from = from.DeviceId }));

    public async Task<JsonElement> OverviewAsync(Agent phone) =>
        JsonDocument.Parse(await api.GetStringAsync(new Uri(server.SyncUrl, $"/api/devices/{phone.DeviceId}/dm"))).RootElement.Clone();

    public async Task<JsonElement> JobAsync(Agent phone) => (await OverviewAsync(phone)).GetProperty("jobs").EnumerateArray().First();

    /// <summary><c>dm tree --json</c>: each node as path, format, size, ACL, in order.</summary>
    public static async Task<string[]> TreeAsync(Agent phone)
    {
        var (result, json) = await phone.RunJsonAsync("dm", "tree");
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return [.. json.GetProperty("nodes").EnumerateArray().Select(n =>
            $"{n.GetProperty("path").GetString()} {n.GetProperty("format").GetString()} {n.GetProperty("size").GetInt64()} {n.GetProperty("acl").GetString()}")];
    }

    public void Dispose() => api.Dispose();

    private async Task<JsonElement> PostAsync(string path, HttpContent? body)
    {
        using var answer = await api.PostAsync(new Uri(server.SyncUrl, path), body);
        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static HttpClient Api(TestServer server, string user, string password)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return http;
    }
}
