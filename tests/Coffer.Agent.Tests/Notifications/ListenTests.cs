using Coffer.Agent.Runs;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests.Notifications;

/// <summary>
/// <c>coffer-agent listen</c> against the real server: the server's sender builds the device's package #0 and the
/// HTTP push channel hands it to the agent's long poll; the agent verifies the digest and runs what it asks for.
/// </summary>
public sealed class ListenTests : IAsyncLifetime
{
    private const string Password = "listen pw";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync("--Coffer:Notifications:Enabled=false");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_notification_reaches_the_listening_agent_and_the_sync_it_asks_for_happens()
    {
        var user = await server.AddUserAsync("nina", Password);
        var phone = new Agent(server.Root, "nina-phone");
        await phone.InitOkAsync(server.SyncUrl, "nina", Password);
        PimSamples.Fill(phone.DataDir, 2, largeNoteBytes: 0);
        (await phone.RunAsync("backup")).ExitCode.ShouldBe(ExitCodes.Ok);

        // The first listen obtains the device's secret (kept 0600) and finds nothing waiting.
        var first = await phone.RunAsync("listen", "--once", "--wait", "0");
        first.ExitCode.ShouldBe(ExitCodes.Ok, first.ToString());
        var secretFile = Path.Combine(phone.ConfigDir, "notify-secret");
        File.GetUnixFileMode(secretFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(2);

        // A change on the phone nobody syncs by hand; the agent waits in its long poll while the server sends.
        PimSamples.Write(phone.DataDir, "contacts", "contact9.vcf", PimSamples.Contact(9));
        var listening = phone.RunAsync("listen", "--once", "--wait", "30");
        var sender = server.App.Services.GetRequiredService<DeviceNotificationSender>();
        (await sender.SendAsync(user.Id, CancellationToken.None)).ShouldBeNull();
        var result = await listening;

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.StdErr.ShouldContain("sync contacts calendar tasks notes");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(3);
        (await server.App.Services.GetRequiredService<PushMailbox>().IsWaitingAsync(await DeviceRowAsync(user, phone))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_package_with_a_wrong_digest_is_ignored_and_logged()
    {
        var user = await server.AddUserAsync("otto", Password);
        var phone = new Agent(server.Root, "otto-phone");
        await phone.InitOkAsync(server.SyncUrl, "otto", Password, "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 1, largeNoteBytes: 0);
        (await phone.RunAsync("backup")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await phone.RunAsync("listen", "--once", "--wait", "0")).ExitCode.ShouldBe(ExitCodes.Ok);
        PimSamples.Write(phone.DataDir, "contacts", "contact9.vcf", PimSamples.Contact(9));

        // Signed with another secret: everything but the digest is what the server would send.
        var forged = SanPackage.Build("coffer", Convert.ToBase64String(new byte[18]), 7, SanInitiator.Server, [new SanSync { SyncType = SanCodec.TwoWayByServer, ServerUri = "card" }]);
        await server.App.Services.GetRequiredService<PushMailbox>().PostAsync(await DeviceRowAsync(user, phone), forged);
        var result = await phone.RunAsync("listen", "--once", "--wait", "5");

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.StdErr.ShouldContain("digest does not verify");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(1);
    }

    [Fact]
    public async Task Listen_before_the_device_ever_synced_registers_it_and_the_night_has_nothing_to_ask_of_it()
    {
        var user = await server.AddUserAsync("ida", Password);
        var phone = new Agent(server.Root, "ida-phone");
        await phone.InitOkAsync(server.SyncUrl, "ida", Password);

        // A new phone: the first listen makes it one of the account's devices and obtains its secret.
        var result = await phone.RunAsync("listen", "--once", "--wait", "0");

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        File.Exists(Path.Combine(phone.ConfigDir, "notify-secret")).ShouldBeTrue();
        await DeviceRowAsync(user, phone);
        var sender = server.App.Services.GetRequiredService<DeviceNotificationSender>();
        (await sender.SendAsync(user.Id, CancellationToken.None)).ShouldNotBeNull().ShouldContain("syncs anything");
    }

    [Fact]
    public async Task A_backup_the_user_asks_for_through_the_API_is_run_by_the_listening_agent()
    {
        var user = await server.AddUserAsync("paul", Password);
        var phone = new Agent(server.Root, "paul-phone");
        await phone.InitOkAsync(server.SyncUrl, "paul", Password, "--datastore", "contacts", "--datastore", "notes");
        PimSamples.Fill(phone.DataDir, 1, largeNoteBytes: 0);
        (await phone.RunAsync("backup")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await phone.RunAsync("listen", "--once", "--wait", "0")).ExitCode.ShouldBe(ExitCodes.Ok);
        PimSamples.Write(phone.DataDir, "contacts", "contact9.vcf", PimSamples.Contact(9));

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("paul:" + Password)));
        var api = new Uri(server.SyncUrl, $"/api/devices/{phone.DeviceId}/alerts");
        using (var unknown = await http.PostAsync(new Uri(server.SyncUrl, "/api/devices/nosuch/alerts"), System.Net.Http.Json.JsonContent.Create(new { kind = "backup" })))
        {
            unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        }

        using (var asked = await http.PostAsync(api, System.Net.Http.Json.JsonContent.Create(new { kind = "backup" })))
        {
            asked.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);
        }

        var result = await phone.RunAsync("listen", "--once", "--wait", "5");

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.StdErr.ShouldContain("backup contacts notes");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(2);
    }

    private async Task<long> DeviceRowAsync(UserAccount user, Agent agent)
    {
        await using var read = await server.Store.BeginReadAsync();
        return (await read.Devices.GetAsync(user.Id, agent.DeviceId)).ShouldNotBeNull().Id;
    }
}
