using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Api;

/// <summary>The JSON API over HTTP: HTTP Basic checked like a sync login, rate limited, and each user confined to their own data.</summary>
public sealed class ApiAccessTests
{
    private const string Card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nTEL:+4940111\r\nEND:VCARD\r\n";

    [Fact]
    public async Task Without_credentials_or_with_a_wrong_password_the_answer_is_401_with_a_basic_challenge()
    {
        await using var server = await RunningServer.StartAsync("--Coffer:Sync:FailedLoginDelay=00:00:00");
        await server.AddUserAsync("alice", "right");
        foreach (var auth in new AuthenticationHeaderValue?[] { null, Basic("alice", "wrong"), Basic("nobody", "right"), new("Basic", "not base64!") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/quota") { Headers = { Authorization = auth } };
            using var response = await server.Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, auth?.ToString());
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic realm=\"Coffer\"");
        }

        using var ok = await SendAsync(server, HttpMethod.Get, "/api/quota", Basic("alice", "right"));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failed_logins_are_limited_per_account_as_on_the_sync_path()
    {
        await using var server = await RunningServer.StartAsync("--Coffer:Sync:FailedLoginDelay=00:00:00", "--Coffer:Sync:FailedLoginsPerAccount=2");
        await server.AddUserAsync("alice", "right");
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await SendAsync(server, HttpMethod.Get, "/api/quota", Basic("alice", "guess" + i));
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // The account has no attempts left: even the right password is not checked now.
        using var blocked = await SendAsync(server, HttpMethod.Get, "/api/quota", Basic("alice", "right"));
        blocked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_user_reaches_only_their_own_items_generations_and_history()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "a-pass");
        await server.AddUserAsync("bob", "b-pass");
        var alice = Basic("alice", "a-pass");
        var bob = Basic("bob", "b-pass");

        using var added = await SendAsync(server, HttpMethod.Post, "/api/datastores/contacts/items", alice, new StringContent(Card, Encoding.UTF8, "text/vcard"));
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var saved = await SendAsync(server, HttpMethod.Post, "/api/datastores/contacts/save", alice);
        var generation = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        (await SendAsync(server, HttpMethod.Put, $"/api/datastores/contacts/items/{id}", bob, new StringContent(Card, Encoding.UTF8, "text/vcard"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(server, HttpMethod.Delete, $"/api/datastores/contacts/items/{id}", bob)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(server, HttpMethod.Get, $"/api/datastores/contacts/items/{id}/versions", bob)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(server, HttpMethod.Post, $"/api/datastores/contacts/recover/{generation}", bob)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var bobsItems = await SendAsync(server, HttpMethod.Get, "/api/datastores/contacts/items", bob);
        (await bobsItems.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(0);
        using var bobsRestore = await SendAsync(server, HttpMethod.Post, "/api/restore", bob, JsonContent.Create(new { scope = "item", datastore = "contacts", itemId = id }));
        bobsRestore.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Alice's item is as she left it, with one version.
        using var versions = await SendAsync(server, HttpMethod.Get, $"/api/datastores/contacts/items/{id}/versions", alice);
        var list = await versions.Content.ReadFromJsonAsync<JsonElement>();
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("origin").GetString().ShouldBe("web");
    }

    [Fact]
    public async Task An_api_add_past_the_quota_is_refused_and_a_deleted_item_comes_back_by_undelete()
    {
        await using var server = await RunningServer.StartAsync("--Coffer:Quota:MaxItems=1");
        await server.AddUserAsync("alice", "a-pass");
        var alice = Basic("alice", "a-pass");
        using var first = await SendAsync(server, HttpMethod.Post, "/api/datastores/contacts/items", alice, new StringContent(Card, Encoding.UTF8, "text/vcard"));
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var second = await SendAsync(server, HttpMethod.Post, "/api/datastores/notes/items", alice, new StringContent("a note", Encoding.UTF8, "text/plain"));
        second.StatusCode.ShouldBe(HttpStatusCode.InsufficientStorage);

        (await SendAsync(server, HttpMethod.Delete, $"/api/datastores/contacts/items/{id}", alice)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var deleted = await SendAsync(server, HttpMethod.Get, "/api/history/deleted", alice);
        var gone = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        gone.GetArrayLength().ShouldBe(1);
        gone[0].GetProperty("lastVersion").GetProperty("content").GetString()!.ShouldContain("Jane Doe");

        using var undelete = await SendAsync(server, HttpMethod.Post, "/api/restore", alice, JsonContent.Create(new { scope = "item", datastore = "contacts", itemId = id }));
        undelete.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var items = await SendAsync(server, HttpMethod.Get, "/api/datastores/contacts/items", alice);
        var live = await items.Content.ReadFromJsonAsync<JsonElement>();
        live.GetArrayLength().ShouldBe(1);
        live[0].GetProperty("origin").GetString().ShouldBe("restore");
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpResponseMessage> SendAsync(RunningServer server, HttpMethod method, string path, AuthenticationHeaderValue auth, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = auth }, Content = content };
        return await server.Client.SendAsync(request);
    }
}
