using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Coffer.Agent.Tests.Profile;

/// <summary>The server's JSON API as a script calls it: HTTP Basic with the sync account.</summary>
public sealed class ProfileApi(TestServer server, string user, string password) : IDisposable
{
    private readonly HttpClient http = new()
    {
        BaseAddress = new Uri(server.SyncUrl, "/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    /// <summary>The status and the body as text.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var (status, body) = await GetAsync(path);
        status.ShouldBe(200, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public void Dispose() => http.Dispose();
}
