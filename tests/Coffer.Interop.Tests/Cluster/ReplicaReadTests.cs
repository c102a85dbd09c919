using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Interop.Tests.Harness;
using Coffer.TestData;
using Npgsql;

namespace Coffer.Interop.Tests.Cluster;

/// <summary>
/// Reads from the standby (docs/operations.md, "Reads from the standby"): with Coffer:Storage:ReplicaConnectionString a
/// node answers API and page reads from the hot standby and everything else from the primary. Replay on the standby
/// is paused, so a write the primary holds is missing there: a read that may lag shows the standby's past, a read
/// asking for fresh data or following the client's own write shows the write, and a standby that is gone leaves the
/// reads to the primary.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ReplicaReadTests
{
    private const string Card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Replica Reader\r\nN:Reader;Replica;;;\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n";

    [Fact]
    public async Task Api_reads_come_from_the_standby_unless_fresh_data_is_asked_for_or_the_client_just_wrote()
    {
        using var primary = PostgresCluster.StartPrimary();
        using var standby = primary.StartStandby();
        var storage = await InteropStorage.CreateOnAsync(primary, primary.ConnectionString, standby.ConnectionString);
        await using var node = await CofferServerProcess.StartAsync(CofferInterop.User, CofferInterop.Password, storage);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = node.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CofferInterop.User}:{CofferInterop.Password}")));

        // The standby answers the reads while it keeps up: a contact added before the pause is listed.
        var (before, _) = await AddContactAsync(http);
        await EventuallyAsync(async () => (await GetAsync(http, before)).StatusCode == HttpStatusCode.OK, "the first contact read back");

        await using (var admin = new NpgsqlConnection(standby.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var pause = new NpgsqlCommand("SELECT pg_wal_replay_pause()", admin);
            await pause.ExecuteNonQueryAsync();
        }

        var (id, wroteCookie) = await AddContactAsync(http);
        wroteCookie.ShouldNotBeNull("a write sets the read-your-writes cookie");

        (await GetAsync(http, id)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a read that may lag is served by the paused standby, which has not replayed the write");
        (await GetAsync(http, id, request => request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "Cache-Control: no-cache reads the primary");
        (await GetAsync(http, id, request => request.Headers.Add("Cookie", wroteCookie)))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "the client's own write is read back from the primary while its cookie lives");

        await using (var admin = new NpgsqlConnection(standby.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var resume = new NpgsqlCommand("SELECT pg_wal_replay_resume()", admin);
            await resume.ExecuteNonQueryAsync();
        }

        await EventuallyAsync(async () => (await GetAsync(http, id)).StatusCode == HttpStatusCode.OK, "the standby replays the write");

        // Without the standby the node reads the primary: nothing fails, nothing is missing.
        standby.Kill();
        var (after, _) = await AddContactAsync(http);
        (await GetAsync(http, after)).StatusCode.ShouldBe(HttpStatusCode.OK, node.Output);
        (await GetAsync(http, id)).StatusCode.ShouldBe(HttpStatusCode.OK, node.Output);
    }

    private static async Task<(string Id, string? Cookie)> AddContactAsync(HttpClient http)
    {
        using var content = new StringContent(Card, Encoding.UTF8, "text/vcard");
        using var response = await http.PostAsync("api/contacts", content);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("coffer-wrote=", StringComparison.Ordinal))
            : null;
        return (json.RootElement.GetProperty("id").GetString()!, cookie);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string id, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/contacts/{Uri.EscapeDataString(id)}");
        configure?.Invoke(request);
        return await http.SendAsync(request);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, what);
            await Task.Delay(200);
        }
    }
}
