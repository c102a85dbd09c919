using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coffer.Interop.Tests.Harness;

/// <summary>A client of Coffer's JSON API (/api, HTTP Basic as one user), as a web page or script would use it.</summary>
public sealed class CofferApi : IDisposable
{
    private readonly HttpClient http;

    public CofferApi(string syncUrl, string user, string password)
    {
        var root = new Uri(new Uri(syncUrl), "/api/");
        http = new HttpClient { BaseAddress = root };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public void Dispose() => http.Dispose();

    /// <summary>POST datastores/{store}/save: the new generation's id.</summary>
    public async Task<long> SaveAsync(string store) =>
        (await SendAsync(HttpMethod.Post, $"datastores/{store}/save")).GetProperty("id").GetInt64();

    public async Task<JsonElement> GenerationsAsync(string store) => await SendAsync(HttpMethod.Get, $"datastores/{store}/generations");

    public async Task<JsonElement> RecoverAsync(string store, long generation) => await SendAsync(HttpMethod.Post, $"datastores/{store}/recover/{generation}");

    public async Task<JsonElement> ItemsAsync(string store) => await SendAsync(HttpMethod.Get, $"datastores/{store}/items");

    /// <summary>Adds an item; its id.</summary>
    public async Task<string> AddAsync(string store, string contentType, string content) =>
        (await SendAsync(HttpMethod.Post, $"datastores/{store}/items", new StringContent(content, Encoding.UTF8, contentType))).GetProperty("id").GetString()!;

    public async Task ReplaceAsync(string store, string id, string contentType, string content) =>
        await SendAsync(HttpMethod.Put, $"datastores/{store}/items/{id}", new StringContent(content, Encoding.UTF8, contentType));

    public async Task DeleteAsync(string store, string id) => await SendAsync(HttpMethod.Delete, $"datastores/{store}/items/{id}");

    public async Task<JsonElement> DeletedAsync() => await SendAsync(HttpMethod.Get, "history/deleted");

    /// <summary>POST restore with {scope, datastore, itemId, at}.</summary>
    public async Task<JsonElement> RestoreAsync(string scope, DateTimeOffset? at, string? datastore = null, string? itemId = null) =>
        await SendAsync(HttpMethod.Post, "restore", JsonContent.Create(new { scope, datastore, itemId, at }));

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {path}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
