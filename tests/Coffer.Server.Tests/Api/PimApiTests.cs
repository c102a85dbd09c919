using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Api;

/// <summary>/api/contacts, /api/events, /api/tasks, /api/notes: list with search and paging, get, create, update, delete.</summary>
public sealed class PimApiTests
{
    [Fact]
    public async Task Contacts_are_listed_searched_paged_read_updated_with_if_match_and_deleted_and_other_users_get_404()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "a-pass");
        await server.AddUserAsync("bob", "b-pass");
        var alice = Basic("alice", "a-pass");
        var ids = new List<string>();
        foreach (var name in new[] { "Zoe Zed", "Adam Apple", "Mia Müller" })
        {
            var (given, family) = (name.Split(' ')[0], name.Split(' ')[1]);
            using var added = await SendAsync(server, HttpMethod.Post, "/api/contacts", alice, Vcard($"N:{family};{given};;;\r\nFN:{name}\r\nTEL:+49 40 {ids.Count}11"));
            added.StatusCode.ShouldBe(HttpStatusCode.Created);
            added.Headers.ETag!.Tag.ShouldBe("\"1\"");
            ids.Add((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var list = await GetJsonAsync(server, "/api/contacts?limit=2", alice);
        list.GetProperty("total").GetInt32().ShouldBe(3);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ShouldBe(["Adam Apple", "Mia Müller"]);
        (await GetJsonAsync(server, "/api/contacts?offset=2", alice)).GetProperty("items")[0].GetProperty("title").GetString().ShouldBe("Zoe Zed");
        (await GetJsonAsync(server, "/api/contacts?q=muller", alice)).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await GetJsonAsync(server, "/api/contacts?q=40%20211", alice)).GetProperty("items")[0].GetProperty("title").GetString().ShouldBe("Mia Müller");

        var item = await GetJsonAsync(server, $"/api/contacts/{ids[0]}", alice);
        item.GetProperty("content").GetString()!.ShouldContain("FN:Zoe Zed");

        using var stale = await SendAsync(server, HttpMethod.Put, $"/api/contacts/{ids[0]}", alice, Vcard("N:Zed;Zoe;;;\r\nFN:Zoe Zed\r\nTEL:+49 40 999"), "\"7\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var updated = await SendAsync(server, HttpMethod.Put, $"/api/contacts/{ids[0]}", alice, Vcard("N:Zed;Zoe;;;\r\nFN:Zoe Zed\r\nTEL:+49 40 999"), "\"1\"");
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await GetJsonAsync(server, "/api/contacts?q=4940999", alice)).GetProperty("total").GetInt32().ShouldBe(1);

        var bob = Basic("bob", "b-pass");
        (await SendAsync(server, HttpMethod.Get, $"/api/contacts/{ids[1]}", bob)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(server, HttpMethod.Put, $"/api/contacts/{ids[1]}", bob, Vcard("FN:Taken"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(server, HttpMethod.Delete, $"/api/contacts/{ids[1]}", bob)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetJsonAsync(server, "/api/contacts", bob)).GetProperty("total").GetInt32().ShouldBe(0);

        (await SendAsync(server, HttpMethod.Delete, $"/api/contacts/{ids[1]}", alice)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SendAsync(server, HttpMethod.Get, $"/api/contacts/{ids[1]}", alice)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetJsonAsync(server, "/api/contacts", alice)).GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Events_tasks_and_notes_have_the_same_operations()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("alice", "a-pass");
        var alice = Basic("alice", "a-pass");
        var bodies = new Dictionary<string, (string Type, string Body, string Title)>
        {
            ["events"] = ("text/calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000Z\r\nSUMMARY:Standup\r\nRRULE:FREQ=DAILY;COUNT=5\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "Standup"),
            ["tasks"] = ("text/calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTODO\r\nUID:t1\r\nDTSTAMP:20260101T000000Z\r\nDUE:20260110T170000Z\r\nSUMMARY:File taxes\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "File taxes"),
            ["notes"] = ("text/plain", "Shopping\r\nmilk, bread\r\n", "Shopping"),
        };
        foreach (var (store, (type, body, title)) in bodies)
        {
            using var added = await SendAsync(server, HttpMethod.Post, $"/api/{store}", alice, new StringContent(body, Encoding.UTF8, type));
            added.StatusCode.ShouldBe(HttpStatusCode.Created, store);
            var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var list = await GetJsonAsync(server, $"/api/{store}?q={Uri.EscapeDataString(title.ToLowerInvariant())}", alice);
            list.GetProperty("items")[0].GetProperty("title").GetString().ShouldBe(title, store);
            (await GetJsonAsync(server, $"/api/{store}/{id}", alice)).GetProperty("version").GetInt64().ShouldBe(1, store);
            (await SendAsync(server, HttpMethod.Put, $"/api/{store}/{id}", alice, new StringContent(body.Replace(title, title + " (moved)", StringComparison.Ordinal), Encoding.UTF8, type), "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK, store);
            (await GetJsonAsync(server, $"/api/{store}", alice)).GetProperty("items")[0].GetProperty("title").GetString().ShouldBe(title + " (moved)", store);
            (await SendAsync(server, HttpMethod.Delete, $"/api/{store}/{id}", alice, null, "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent, store);
            (await GetJsonAsync(server, $"/api/{store}", alice)).GetProperty("total").GetInt32().ShouldBe(0, store);
        }
    }

    private static StringContent Vcard(string body) => new($"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}\r\nEND:VCARD\r\n", Encoding.UTF8, "text/vcard");

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<JsonElement> GetJsonAsync(RunningServer server, string path, AuthenticationHeaderValue auth)
    {
        using var response = await SendAsync(server, HttpMethod.Get, path, auth);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SendAsync(RunningServer server, HttpMethod method, string path, AuthenticationHeaderValue auth, HttpContent? content = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = auth }, Content = content };
        if (ifMatch != null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await server.Client.SendAsync(request);
    }
}
