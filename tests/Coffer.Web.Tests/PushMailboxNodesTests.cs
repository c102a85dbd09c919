using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Sync.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>
/// The HTTP push channel on two nodes of one store (docs/notifications.md, "Several nodes"): a package posted on one
/// node reaches the device's long poll on the other, whether the poll was waiting already or comes later, and exactly
/// one poll gets it.
/// </summary>
public sealed class PushMailboxNodesTests
{
    [Fact]
    public async Task A_package_posted_on_one_node_reaches_the_devices_long_poll_on_another_once()
    {
        await using var nodeA = await WebServer.StartAsync();
        var alice = await nodeA.AddUserAsync("alice", "alice-pass");
        await using var nodeB = await nodeA.StartNodeAsync("node-b");
        long device;
        await using (var uow = await nodeA.Store.BeginAsync())
        {
            device = (await uow.Devices.RegisterAccessAsync(alice.Id, "phone")).Id;
            await uow.CommitAsync();
        }

        var mailboxA = nodeA.App.Services.GetRequiredService<PushMailbox>();

        // The device waits on node B; the package is posted on node A.
        var polling = PollAsync(nodeB, 30);
        await WaitUntilPollingAsync(polling);
        await mailboxA.PostAsync(device, Encoding.UTF8.GetBytes("package one"));
        var (status, body) = await polling;
        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldBe("package one");
        (await PollAsync(nodeA, 0)).Status.ShouldBe(HttpStatusCode.NoContent, "the package was taken: node A has none left");

        // Posted on node A while nobody waits, a newer package replacing an older one: node B's next poll gets the newer.
        await mailboxA.PostAsync(device, Encoding.UTF8.GetBytes("package two"));
        await mailboxA.PostAsync(device, Encoding.UTF8.GetBytes("package three"));
        (await nodeB.App.Services.GetRequiredService<PushMailbox>().IsWaitingAsync(device)).ShouldBeTrue();
        (await PollAsync(nodeB, 0)).ShouldBe((HttpStatusCode.OK, "package three"));
        (await PollAsync(nodeB, 0)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await mailboxA.IsWaitingAsync(device)).ShouldBeFalse();
    }

    private static async Task<(HttpStatusCode Status, string Body)> PollAsync(WebServer node, int wait)
    {
        using var http = new HttpClient { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/devices/phone/notifications?wait={wait}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice-pass")));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // The poll is under way once its request got past authentication into the wait; a poll that ended early failed.
    private static async Task WaitUntilPollingAsync(Task<(HttpStatusCode Status, string Body)> polling)
    {
        var settled = await Task.WhenAny(polling, Task.Delay(TimeSpan.FromSeconds(2)));
        settled.ShouldNotBe(polling, "the poll waits for a package: " + (polling.IsCompletedSuccessfully ? polling.Result.ToString() : polling.Exception?.ToString()));
    }
}
