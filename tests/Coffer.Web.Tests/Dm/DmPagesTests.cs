using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Dm;
using Coffer.Dm.Tests;
using Coffer.Storage;
using Coffer.SyncML.Dm;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Dm;

/// <summary>
/// Device management on the web pages (docs/web.md "Device management"): DM backups taken by the real engine over
/// POST /dm with the scripted DM client show on the administrator's device page and the user's devices page (last
/// backup, tree size, firmware history, jobs with consent and a restore's report); both start a backup and a restore,
/// and another user neither sees nor starts anything on the device.
/// </summary>
public sealed class DmPagesTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Old = "dm-old";
    private const string New = "dm-new";
    private const string Bare = "dm-bare";
    private WebServer server = null!;
    private UserAccount alice = null!;
    private HttpClient api = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync("--Coffer:Notifications:Enabled=false");
        alice = await server.AddUserAsync("alice", "alice pw");
        await server.AddUserAsync("bob", "bob pw");
        await server.AddAdminAsync("root", "admin pw");
        api = new HttpClient { BaseAddress = server.BaseUri };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:alice pw")));
        foreach (var device in new[] { Old, New, Bare })
        {
            (await api.PostAsJsonAsync("/api/devices", new { deviceId = device })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_administrator_sees_backups_and_firmware_history_and_starts_a_backup_and_a_restore()
    {
        var old = await BackedUpOldPhoneAsync();
        var fresh = Client(New, await EnrollAsync(New), TestTree.Device(New, "Other", "B2", "1.0"));
        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "root", "admin pw");

        await page.GotoAsync($"/admin/devices/{await RowAsync(Old)}");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = $"Device management of {Old}" });
        var last = (await SnapshotsAsync(await RowAsync(Old)))[0];
        last.NodeCount.ShouldBeGreaterThan(old.Nodes.Count / 2);
        (await panel.InnerTextAsync()).ShouldContain($"{last.NodeCount.ToString(CultureInfo.InvariantCulture)} nodes");
        (await FirmwareAsync(page, Old)).ShouldBe(["2.2", "2.1"]);
        (await JobsAsync(page, Old)).ShouldBe([("backup", "done"), ("backup", "done")]);
        (await page.GetByRole(AriaRole.Table, new() { Name = $"DM jobs of {Old}" }).InnerTextAsync()).ShouldContain("established");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Start a DM backup of {Old}" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldStartWith($"DM backup of {Old} requested");
        (await JobsAsync(page, Old))[0].ShouldBe(("backup", "pending"));

        await page.GotoAsync($"/admin/devices/{await RowAsync(New)}");
        (await FirmwareAsync(page, New)).ShouldBeEmpty();
        await page.GetByLabel($"Restore {New} from").SelectOptionAsync(new SelectOptionValue { Label = (await SourceLabelAsync(page, New, "2.2"))! });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Start a DM restore onto {New}" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldStartWith($"DM restore onto {New} from {Old}");
        (await JobsAsync(page, New)).ShouldBe([("restore", "pending")]);

        // The restore runs at the device's session; onto another model the settings are skipped, the certificate restored.
        (await fresh.RunSessionAsync(1200)).ShouldBe(212);
        await page.ReloadAsync();
        (await JobsAsync(page, New)).ShouldBe([("restore", "done")]);
        await page.GetByText("Report of job").ClickAsync();
        var report = await page.Locator(".dm-report").InnerTextAsync();
        report.ShouldContain("./Coffer/Backup/Settings/ringer: skipped — another model");
        report.ShouldContain("./Coffer/Backup/Certs/root.der: restored");
        await Screenshots.TakeAsync(page, "admin-device-dm");

        var audit = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/admin/audit")).TextAsync()).RootElement.GetProperty("entries");
        var entries = audit.EnumerateArray().Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString())).ToList();
        entries.ShouldContain(("root", "dm.backup"));
        entries.ShouldContain(("root", "dm.restore"));
    }

    [Fact]
    public async Task The_user_starts_a_backup_of_an_own_device_on_a_phone_and_is_told_when_a_device_has_no_dm_account()
    {
        await BackedUpOldPhoneAsync();
        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(page, "alice", "alice pw");
        await page.GotoAsync("/settings/devices");

        (await FirmwareAsync(page, Old)).ShouldBe(["2.2", "2.1"]);
        (await page.GetByRole(AriaRole.Region, new() { Name = $"Device management of {Bare}" }).InnerTextAsync()).ShouldContain($"{Bare} has no DM account");
        (await page.GetByRole(AriaRole.Button, new() { Name = $"Start a DM backup of {Bare}" }).CountAsync()).ShouldBe(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Start a DM backup of {Old}" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldStartWith($"DM backup of {Old} requested");
        (await JobsAsync(page, Old))[0].ShouldBe(("backup", "pending"));
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling on a phone");
        await Screenshots.TakeAsync(page, "settings-devices-dm");

        // A form post for the device without a DM account is refused with the reason, and no job is made.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var bare = await RowAsync(Bare);
        (await page.APIRequest.PostAsync($"/settings/devices/{bare}?handler=dmbackup", new() { Form = Form(page, token!), MaxRedirects = 0 })).Status.ShouldBe(302);
        await page.GotoAsync("/settings/devices");
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).ShouldStartWith($"{Bare} has no DM account");
        (await JobsCountAsync(bare)).ShouldBe(0);
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_starts_anything_on_the_device()
    {
        await BackedUpOldPhoneAsync();
        var row = await RowAsync(Old);
        var jobs = await JobsCountAsync(row);
        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "bob", "bob pw");

        await page.GotoAsync("/settings/devices");
        (await page.ContentAsync()).ShouldNotContain(Old);
        (await page.APIRequest.GetAsync($"/settings/devices/{row}")).Status.ShouldBe(404);
        (await page.APIRequest.GetAsync($"/admin/devices/{row}", new() { MaxRedirects = 0 })).Status.ShouldNotBe(200);

        await page.GotoAsync("/settings/password");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var snapshot = (await SnapshotsAsync(row))[0].Id.ToString(CultureInfo.InvariantCulture);
        (await page.APIRequest.PostAsync($"/settings/devices/{row}?handler=dmbackup", new() { Form = Form(page, token!) })).Status.ShouldBe(404);
        (await page.APIRequest.PostAsync($"/settings/devices/{row}?handler=dmrestore", new() { Form = Form(page, token!).Set("snapshot", snapshot) })).Status.ShouldBe(404);
        var admin = await page.APIRequest.PostAsync($"/admin/devices/{row}?handler=dmbackup", new() { Form = Form(page, token!), MaxRedirects = 0 });
        (admin.Status == 302 ? admin.Headers["location"] : admin.StatusText).ShouldNotEndWith($"/admin/devices/{row}", "refused, not the page's own redirect after a started job");
        (await JobsCountAsync(row)).ShouldBe(jobs);
    }

    /// <summary>The old phone, enrolled, with two DM backups taken by the engine: firmware 2.1, then 2.2.</summary>
    private async Task<TestTree> BackedUpOldPhoneAsync()
    {
        var tree = TestTree.Device(Old, "Acme", "A1", "2.1");
        tree.Leaf("./Coffer/Backup/Settings/ringer", "loud");
        tree.Leaf("./Coffer/Backup/Certs/root.der", [0x30, 0x82, 0x01, 0x0a]);
        var client = Client(Old, await EnrollAsync(Old), tree);
        foreach (var firmware in new[] { "2.1", "2.2" })
        {
            tree.Leaf("./DevDetail/FwV", firmware);
            (await api.PostAsync($"/api/devices/{Old}/dm/backup", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await client.RunSessionAsync(1200)).ShouldBe(212);
        }

        return tree;
    }

    private static async Task<List<string>> FirmwareAsync(IPage page, string device)
    {
        var rows = page.GetByRole(AriaRole.Table, new() { Name = $"Firmware history of {device}" }).Locator("tbody tr td:first-child");
        return [.. await rows.AllTextContentsAsync()];
    }

    private static async Task<List<(string Kind, string State)>> JobsAsync(IPage page, string device)
    {
        var rows = page.GetByRole(AriaRole.Table, new() { Name = $"DM jobs of {device}" }).Locator("tbody tr:has(td:nth-child(3))");
        var jobs = new List<(string, string)>();
        foreach (var row in await rows.AllAsync())
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            jobs.Add((cells[1].Split(' ')[0], cells[2].Split(',')[0]));
        }

        return jobs;
    }

    private static async Task<string?> SourceLabelAsync(IPage page, string device, string firmware)
    {
        var options = await page.GetByLabel($"Restore {device} from").Locator("option").AllTextContentsAsync();
        return options.FirstOrDefault(o => o.StartsWith(Old + ":", StringComparison.Ordinal) && o.Contains("firmware " + firmware, StringComparison.Ordinal));
    }

    private static IFormData Form(IPage page, string token) => page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token);

    private async Task<long> RowAsync(string device)
    {
        await using var read = await server.Store.BeginReadAsync();
        return (await read.Devices.GetAsync(alice.Id, device)).ShouldNotBeNull().Id;
    }

    private async Task<int> JobsCountAsync(long row)
    {
        await using var read = await server.Store.BeginReadAsync();
        return (await read.DmJobs.ListAsync(row)).Count;
    }

    private async Task<IReadOnlyList<DmSnapshot>> SnapshotsAsync(long row)
    {
        await using var read = await server.Store.BeginReadAsync();
        return await read.DmSnapshots.ListAsync(row);
    }

    private async Task<DmEnrollment> EnrollAsync(string device)
    {
        var response = await api.PostAsync($"/api/devices/{device}/dm-account", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<DmEnrollment>())!;
    }

    /// <summary>The device's scripted DM client; a server-initiated session answers the package 0 waiting in its push mailbox.</summary>
    private ScriptedDmClient Client(string device, DmEnrollment enrollment, TestTree tree)
    {
        var http = new HttpClient();
        return new ScriptedDmClient(
            async (body, token) =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(DmMessageCodec.XmlContentType);
                using var response = await http.PostAsync(enrollment.ServerUrl + (token == null ? string.Empty : "?s=" + Uri.EscapeDataString(token)), content);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                return await response.Content.ReadAsByteArrayAsync();
            },
            tree,
            enrollment.ClientName,
            enrollment.ClientSecret,
            enrollment.ServerId,
            enrollment.ServerSecret)
        {
            ServerUrl = enrollment.ServerUrl,
            PackageZero = async () =>
            {
                using var poll = await api.GetAsync($"/api/devices/{device}/notifications?wait=0");
                poll.StatusCode.ShouldBe(HttpStatusCode.OK);
                return DmNotificationCodec.Decode(await poll.Content.ReadAsByteArrayAsync()).SessionId.ToString(CultureInfo.InvariantCulture);
            },
        };
    }
}
