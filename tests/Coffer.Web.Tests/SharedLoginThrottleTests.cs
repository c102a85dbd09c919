using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Server.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>
/// The failed-login allowance belongs to the cluster, not to each node (docs/security.md, "Failed logins"): failures on
/// two nodes of one store add up, and once the account's allowance is used, both nodes refuse it, even with the right
/// password. Logins that succeed write nothing.
/// </summary>
public sealed class SharedLoginThrottleTests
{
    private const string Allowance = "--Coffer:Sync:FailedLoginsPerAccount=4";

    [Fact]
    public async Task Failures_on_two_nodes_add_up_to_one_allowance_and_successful_logins_write_nothing()
    {
        await using var nodeA = await WebServer.StartAsync(Allowance, "--Coffer:Sync:FailedLoginDelay=00:00:00");
        await nodeA.AddUserAsync("alice", "alice-pass");
        await nodeA.AddUserAsync("bob", "bob-pass");
        await using var nodeB = await nodeA.StartNodeAsync("node-b", Allowance, "--Coffer:Sync:FailedLoginDelay=00:00:00");
        var database = Path.Combine(nodeA.DataDir, "coffer.db");

        // Bob, not alice: a password verified lately gets in past the throttle (docs/security.md), which is not what
        // this test is about.
        foreach (var node in new[] { nodeA, nodeB, nodeA, nodeB })
        {
            (await GetAsync(node, "bob", "bob-pass")).ShouldBe(HttpStatusCode.OK);
        }

        (await FailureRowsAsync(database)).ShouldBe(0, "a login that succeeds writes nothing");

        // Two failures on each node: each node's own bucket has two left, the cluster's none.
        foreach (var node in new[] { nodeA, nodeB, nodeA, nodeB })
        {
            (await GetAsync(node, "alice", "wrong")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        foreach (var node in new[] { nodeA, nodeB })
        {
            // Each node reads the shared buckets back in the background (within a second); a right password tried
            // before would be verified and remembered, so the test waits for the node to know first.
            var shared = node.App.Services.GetRequiredService<SharedLoginFailures>();
            for (var wait = 0; wait < 300 && !shared.IsBlocked("account:alice"); wait++)
            {
                await Task.Delay(100);
            }

            shared.IsBlocked("account:alice").ShouldBeTrue("the node read the shared buckets");
            (await GetAsync(node, "alice", "alice-pass")).ShouldBe(HttpStatusCode.TooManyRequests, "the account's allowance is used up on the nodes together");
        }

        (await FailureRowsAsync(database)).ShouldBe(2, "one bucket for the account, one for the address");
    }

    private static async Task<HttpStatusCode> GetAsync(WebServer node, string user, string password)
    {
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/quota");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<long> FailureRowsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM login_failures";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
