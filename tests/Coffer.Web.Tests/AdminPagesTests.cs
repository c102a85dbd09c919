using System.Text.Json;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// The administration pages in the browser, at phone and PC sizes: status, users (add, disable, enable, quota,
/// password, delete with confirmation), devices with their DevInf, and the audit log of it all; the JSON API beside them.
/// </summary>
public sealed class AdminPagesTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private WebServer server = null!;

    public async Task InitializeAsync()
    {
        // The night's plan is written by the test itself, not by the notification service.
        server = await WebServer.StartAsync("--Coffer:Notifications:Enabled=false");
        await server.AddAdminAsync("root", "admin pw");
        await server.AddUserAsync("alice", "alice pw");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("phone")]
    [InlineData("pc")]
    public async Task An_administrator_manages_users_and_every_action_is_in_the_audit_log(string size)
    {
        var page = await chromium.NewPageAsync(server, size == "phone" ? Chromium.Phone : Chromium.Pc);
        await SignIn.AsAsync(page, "root", "admin pw");
        await page.GotoAsync("/admin");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Administration");
        await page.GetByText("SQLite").WaitForAsync();
        await Screenshots.TakeAsync(page, "admin-status");

        await page.GotoAsync("/admin/users");
        await page.GetByLabel("User name").FillAsync("carol");
        await page.GetByLabel("Password").FillAsync("carol pw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Created user 'carol'.");
        await Screenshots.TakeAsync(page, "admin-users");

        await page.GetByRole(AriaRole.Link, new() { Name = "carol" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("'carol' is disabled.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("'carol' is enabled.");
        await page.GetByLabel("Items").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set quota" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Quota of 'carol' set.");
        await page.GetByText("100 items, default bytes").WaitForAsync();
        await page.GetByLabel("New password").FillAsync("new carol pw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Password of 'carol' reset.");
        await Screenshots.TakeAsync(page, "admin-user");

        await page.GetByLabel("Type the user name to confirm").FillAsync("carl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete user" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Not deleted: the name typed does not match.");
        await page.GetByLabel("Type the user name to confirm").FillAsync("carol");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete user" }).ClickAsync();
        await page.WaitForAddressAsync("**/admin/users");
        (await page.GetByRole(AriaRole.Link, new() { Name = "carol" }).CountAsync()).ShouldBe(0);

        await page.GotoAsync("/admin/audit");
        var actions = await page.Locator("tbody tr td:nth-child(3)").AllTextContentsAsync();
        actions.Take(6).ShouldBe(["user.delete", "user.password", "user.quota", "user.enable", "user.disable", "user.create"]);
        (await page.Locator("tbody tr td:nth-child(2)").AllTextContentsAsync()).Take(6).ShouldAllBe(actor => actor == "root");
        await Screenshots.TakeAsync(page, "admin-audit");

        var audit = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/admin/audit")).TextAsync()).RootElement;
        audit.GetProperty("entries")[0].GetProperty("action").GetString().ShouldBe("user.delete");
        audit.GetProperty("entries")[0].GetProperty("target").GetString().ShouldBe("carol");
    }

    [Fact]
    public async Task An_administrator_sees_a_synced_devices_devinf_and_deletes_the_device()
    {
        var root = Path.GetDirectoryName(server.DataDir)!;
        Directory.CreateDirectory(Path.Combine(root, "phone", "contacts"));
        await File.WriteAllTextAsync(Path.Combine(root, "phone", "contacts", "a.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nEND:VCARD\r\n");
        var home = new AgentHome(Path.Combine(root, "agent"));
        home.Save(new AgentConfig { ServerUrl = server.SyncUri, User = "alice", DeviceId = "agent-listed", DataDir = Path.Combine(root, "phone"), Datastores = ["contacts"] }, "alice pw");
        var (config, password) = home.Load();
        using var http = new HttpClient();
        var summary = await new AgentRunner(home, config, password, new HttpSyncTransport(http), new QuietRunProgress()).RunAsync(RunMode.Backup, [], null, CancellationToken.None);
        summary.ExitCode.ShouldBe(ExitCodes.Ok, summary.Error);

        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "root", "admin pw");
            await page.GotoAsync("/admin/devices");
            await Screenshots.TakeAsync(page, "admin-devices");
            await page.GetByRole(AriaRole.Link, new() { Name = "agent-listed" }).ClickAsync();
            (await page.Locator("h1").TextContentAsync()).ShouldBe("agent-listed");
            await page.GetByText("NumberOfChanges", new() { Exact = true }).WaitForAsync();
            (await page.Locator("dl.facts dd").AllTextContentsAsync()).ShouldContain("alice");
            await Screenshots.TakeAsync(page, "admin-device");
        }

        var admin = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(admin, "root", "admin pw");
        var devices = JsonDocument.Parse(await (await admin.APIRequest.GetAsync("/api/admin/devices")).TextAsync()).RootElement;
        devices.GetArrayLength().ShouldBe(1);
        await admin.GotoAsync($"/admin/devices/{devices[0].GetProperty("id").GetInt64()}");
        await admin.GetByLabel("Yes, delete this device").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Delete device" }).ClickAsync();
        await admin.WaitForAddressAsync("**/admin/devices");
        await admin.GetByText("No device has synced yet.").WaitForAsync();
        await admin.GotoAsync("/admin/audit");
        (await admin.Locator("tbody tr td:nth-child(3)").First.TextContentAsync()).ShouldBe("device.delete");
    }

    [Fact]
    public async Task An_administrator_sees_tonights_notifications_per_carrier_and_their_failures()
    {
        // Named explicitly: "tonight" turns to the next night at 10:00 UTC, maybe between two requests.
        var night = NotificationScheduler.NightToPlan(DateTimeOffset.UtcNow);
        var day = night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var bob = await server.AddUserAsync("bob", "bob pw");
        await using (var uow = await server.Store.BeginAsync())
        {
            var alice = (await uow.Users.FindByNameAsync("alice"))!;
            var at = new DateTimeOffset(night.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
            (await uow.Notifications.SavePlanAsync(night, [
                new NotificationEntry(night, alice.Id, at, night, night.AddDays(1), "docomo", NotificationState.Planned),
                new NotificationEntry(night, bob.Id, null, night, night, "au", NotificationState.Postponed),
            ])).ShouldBeTrue();
            (await uow.Notifications.TakeDueAsync(at, 10)).ShouldHaveSingleItem();
            (await uow.Notifications.FinishAsync(night, alice.Id, NotificationState.Failed, "gateway said 503")).ShouldBeTrue();
            await uow.CommitAsync();
        }

        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "root", "admin pw");
        await page.GotoAsync($"/admin/notifications?night={day}");
        await page.GetByText("gateway said 503").WaitForAsync();
        (await page.Locator("table").Nth(1).Locator("tbody tr td:first-child").AllTextContentsAsync()).ShouldBe(["au", "docomo"]);
        await Screenshots.TakeAsync(page, "admin-notifications");

        var overview = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api/admin/notifications?night={day}")).TextAsync()).RootElement;
        overview.GetProperty("planned").GetBoolean().ShouldBeTrue();
        overview.GetProperty("failed").GetInt32().ShouldBe(1);
        overview.GetProperty("postponed").GetInt32().ShouldBe(1);
        overview.GetProperty("carriers").GetArrayLength().ShouldBe(2);
        overview.GetProperty("failures")[0].GetProperty("error").GetString().ShouldBe("gateway said 503");
        (await page.APIRequest.GetAsync("/api/admin/notifications?night=tomorrow")).Status.ShouldBe(400);
    }
}
