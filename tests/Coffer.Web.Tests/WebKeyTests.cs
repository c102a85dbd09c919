using System.Net;
using Microsoft.Data.Sqlite;

namespace Coffer.Web.Tests;

/// <summary>
/// The keys behind the sign-in cookie are kept in the store, encrypted with the master key: they survive a restart,
/// every node on the store opens every node's cookies, and the key files of an older version are taken over.
/// </summary>
public sealed class WebKeyTests
{
    [Fact]
    public async Task The_cookie_keys_in_the_store_are_encrypted_and_a_restarted_server_keeps_the_user_signed_in()
    {
        var first = await WebServer.StartAsync();
        await first.AddUserAsync("alice", "alice-pass");
        var dataDir = first.DataDir;
        var cookies = new CookieContainer();
        using (var client = new WebClient(first, cookies))
        {
            await client.SignInAsync("alice", "alice-pass");
        }

        await first.StopAsync();
        Directory.Exists(Path.Combine(dataDir, "web-keys")).ShouldBeFalse("the keys are in the store, not in files");

        await using var second = await WebServer.StartAtAsync(dataDir);
        await using (var read = await second.Store.BeginReadAsync())
        {
            var documents = await read.WebKeys.ListAsync();
            documents.ShouldNotBeEmpty();
            foreach (var document in documents)
            {
                document.Xml.ShouldContain("encryptedSecret", customMessage: document.Name);
                document.Xml.ShouldNotContain("unencrypted form", customMessage: document.Name);
                document.Xml.ShouldNotContain("<value>", customMessage: document.Name);
            }
        }

        using var again = new WebClient(second, cookies);
        using var page = await again.GetAsync("/settings");
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie of the first server opens the page on the restarted one");
    }

    [Fact]
    public async Task A_cookie_signed_by_one_node_opens_pages_on_another_node_of_the_same_store()
    {
        await using var nodeA = await WebServer.StartAsync();
        await nodeA.AddUserAsync("alice", "alice-pass");

        // Node B has a data directory of its own: only the database (and the master key, as every node is given it) is
        // shared, as PostgreSQL is shared by the nodes of a cluster.
        await using var nodeB = await nodeA.StartNodeAsync("node-b");
        var cookies = new CookieContainer();
        using (var client = new WebClient(nodeA, cookies))
        {
            await client.SignInAsync("alice", "alice-pass");
        }

        // The cookie names node A's address; the same cookie header goes to node B, as haproxy would send it.
        using var onB = new HttpClient { BaseAddress = nodeB.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
        request.Headers.Add("Cookie", cookies.GetCookieHeader(nodeA.BaseUri));
        using var page = await onB.SendAsync(request);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "node B opens node A's cookie");
        (await page.Content.ReadAsStringAsync()).ShouldContain("alice");
    }

    [Fact]
    public async Task The_key_files_of_an_older_version_are_imported_so_nobody_is_signed_out_by_the_upgrade()
    {
        var first = await WebServer.StartAsync();
        await first.AddUserAsync("alice", "alice-pass");
        var dataDir = first.DataDir;
        var cookies = new CookieContainer();
        using (var client = new WebClient(first, cookies))
        {
            await client.SignInAsync("alice", "alice-pass");
        }

        // What an older version left: the key ring as files in DATA/web-keys, nothing in the store.
        var legacy = Directory.CreateDirectory(Path.Combine(dataDir, "web-keys")).FullName;
        await using (var read = await first.Store.BeginReadAsync())
        {
            foreach (var document in await read.WebKeys.ListAsync())
            {
                await File.WriteAllTextAsync(Path.Combine(legacy, document.Name + ".xml"), document.Xml);
            }
        }

        await first.StopAsync();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "coffer.db")}"))
        {
            db.Open();
            using var delete = db.CreateCommand();
            delete.CommandText = "DELETE FROM web_keys";
            delete.ExecuteNonQuery().ShouldBeGreaterThan(0);
        }

        SqliteConnection.ClearAllPools();
        await using var second = await WebServer.StartAtAsync(dataDir);
        using var again = new WebClient(second, cookies);
        using var page = await again.GetAsync("/settings");
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "the imported key opens the cookie it signed");
        await using var check = await second.Store.BeginReadAsync();
        (await check.WebKeys.ListAsync()).Count.ShouldBe(Directory.GetFiles(legacy, "*.xml").Length);
    }
}
