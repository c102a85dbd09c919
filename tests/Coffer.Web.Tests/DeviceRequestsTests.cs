using System.Globalization;
using System.Text;
using System.Text.Json;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// Backup and restore on request (seed 004) from the browser: the user's devices page and the administrator's user
/// page ask a device for a backup, or for a restore onto a new phone; the request waits for the device in the push
/// mailbox, and the device's running <c>coffer-agent listen</c> performs it behind its consent policy.
/// </summary>
public sealed class DeviceRequestsTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Password = "alice pw";
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        // The requests go out at once; the night's scheduler has no part in them.
        server = await WebServer.StartAsync("--Coffer:Notifications:Enabled=false");
        alice = await server.AddUserAsync("alice", Password);
        await server.AddAdminAsync("root", "admin pw");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_devices_page_asks_for_a_backup_and_a_restore_onto_a_new_phone_and_the_listening_agents_do_them()
    {
        var phone = await ListeningPhoneAsync("old", contacts: 1);
        phone.Put("contacts", "contact2.vcf", Contact(2));
        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "alice", Password);
        await page.GotoAsync("/settings/devices");

        // On a metered connection whose policy denies, the request is reported and nothing runs.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ask {phone.DeviceId} for a backup" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe($"Asked {phone.DeviceId} for a backup.");
        (await WaitingAsync(phone)).ShouldBeTrue();
        var refused = await phone.RunAsync("listen", "--once", "--wait", "5", "--connection", "metered", "--on-metered", "deny");
        refused.Output.ShouldContain("backup contacts rejected on a metered connection");
        (await server.CountLiveAsync(alice, DatastoreKind.Contacts)).ShouldBe(1);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Ask {phone.DeviceId} for a backup" }).ClickAsync();
        (await WaitingAsync(phone)).ShouldBeTrue();
        var backup = await phone.RunAsync("listen", "--once", "--wait", "5");
        backup.ExitCode.ShouldBe(0, backup.Output);
        backup.Output.ShouldContain("backup contacts");
        (await server.CountLiveAsync(alice, DatastoreKind.Contacts)).ShouldBe(2);

        var fresh = await NewPhoneAsync("new");
        await page.GotoAsync("/settings/devices");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Restore everything onto {fresh.DeviceId}" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe($"Asked {fresh.DeviceId} for a restore.");
        await Screenshots.TakeAsync(page, "settings-devices-requests");
        await RestoredAsync(fresh);
    }

    [Fact]
    public async Task The_administrator_asks_for_a_backup_and_a_restore_onto_a_new_phone_and_both_requests_are_audited()
    {
        var phone = await ListeningPhoneAsync("old", contacts: 1);
        phone.Put("contacts", "contact2.vcf", Contact(2));
        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "root", "admin pw");
        await page.GotoAsync($"/admin/users/{alice.Id.ToString(CultureInfo.InvariantCulture)}");

        await AskAsync(page, phone.DeviceId, "backup");
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe($"Asked {phone.DeviceId} for a backup.");
        (await WaitingAsync(phone)).ShouldBeTrue();
        var backup = await phone.RunAsync("listen", "--once", "--wait", "5");
        backup.ExitCode.ShouldBe(0, backup.Output);
        backup.Output.ShouldContain("backup contacts");
        (await server.CountLiveAsync(alice, DatastoreKind.Contacts)).ShouldBe(2);

        var fresh = await NewPhoneAsync("new");
        await AskAsync(page, fresh.DeviceId, "restore");
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe($"Asked {fresh.DeviceId} for a restore.");
        await RestoredAsync(fresh);

        await AskAsync(page, "no-such-phone", "backup");
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("'alice' has no device no-such-phone.");

        var audit = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/admin/audit")).TextAsync()).RootElement.GetProperty("entries");
        var entries = audit.EnumerateArray().Take(2).Select(e => (
            e.GetProperty("actor").GetString(), e.GetProperty("action").GetString(), e.GetProperty("target").GetString(), e.GetProperty("details").GetString())).ToList();
        entries.ShouldBe([
            ("root", "device.restore", $"{fresh.DeviceId} of alice", "notification sent"),
            ("root", "device.backup", $"{phone.DeviceId} of alice", "notification sent"),
        ]);
    }

    /// <summary>A phone with <paramref name="contacts"/> contacts backed up, whose agent has asked for its notification secret.</summary>
    private async Task<AgentDevice> ListeningPhoneAsync(string name, int contacts)
    {
        var phone = new AgentDevice(server, name);
        await phone.InitAsync("alice", Password, "--datastore", "contacts");
        for (var i = 1; i <= contacts; i++)
        {
            phone.Put("contacts", $"contact{i}.vcf", Contact(i));
        }

        (await phone.RunAsync("backup")).ExitCode.ShouldBe(0);
        var first = await phone.RunAsync("listen", "--once", "--wait", "0");
        first.ExitCode.ShouldBe(0, first.Output);
        return phone;
    }

    /// <summary>A new phone: configured for the account, it has never synced; its first listen makes it known to the server.</summary>
    private async Task<AgentDevice> NewPhoneAsync(string name)
    {
        var phone = new AgentDevice(server, name);
        await phone.InitAsync("alice", Password, "--datastore", "contacts");
        var first = await phone.RunAsync("listen", "--once", "--wait", "0");
        first.ExitCode.ShouldBe(0, first.Output);
        Directory.Exists(phone.DataDir).ShouldBeFalse();
        return phone;
    }

    /// <summary>The new phone's agent takes the request and restores everything the account holds into its empty folder.</summary>
    private async Task RestoredAsync(AgentDevice fresh)
    {
        (await WaitingAsync(fresh)).ShouldBeTrue();
        var restore = await fresh.RunAsync("listen", "--once", "--wait", "5");
        restore.ExitCode.ShouldBe(0, restore.Output);
        restore.Output.ShouldContain("restore contacts");
        var names = Directory.GetFiles(fresh.Folder("contacts")).Select(f => File.ReadAllText(f)).ToList();
        names.Count.ShouldBe(2);
        names.ShouldContain(c => c.Contains("Sample002", StringComparison.Ordinal));
    }

    private static async Task AskAsync(IPage page, string device, string kind)
    {
        await page.GetByLabel("Device id").FillAsync(device);
        await page.GetByLabel("Ask for").SelectOptionAsync(kind);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    /// <summary>Whether a package #0 waits for the device in the push mailbox (the request queued, not yet taken).</summary>
    private async Task<bool> WaitingAsync(AgentDevice phone)
    {
        await using var read = await server.Store.BeginReadAsync();
        var device = (await read.Devices.GetAsync(alice.Id, phone.DeviceId)).ShouldNotBeNull();
        return await server.App.Services.GetRequiredService<PushMailbox>().IsWaitingAsync(device.Id);
    }

    private static byte[] Contact(int n) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sample{n:D3};Ada;;;\r\nFN:Ada Sample{n:D3}\r\nTEL;TYPE=CELL:+49 30 {1000000 + n}\r\nEND:VCARD\r\n"));
}
