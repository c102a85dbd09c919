using System.Net;
using System.Net.Http.Headers;
using Coffer.Storage;
using Coffer.SyncML.Auth;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

public sealed class SettingsTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync("--Coffer:Sync:FailedLoginDelay=00:00:00");
        alice = await server.AddUserAsync("alice", "correct horse");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Sync_interval_night_hour_time_zone_and_carrier_are_saved_and_shown_again()
    {
        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "alice", "correct horse");
            await page.GotoAsync("/settings");
            await Screenshots.TakeAsync(page, "settings");
            var carrier = size == Chromium.Phone ? "Telekom" : "Vodafone";
            await page.GetByLabel("Automatic sync").SelectOptionAsync("Weekly");
            await page.GetByLabel("Preferred hour").SelectOptionAsync("2");
            await page.GetByLabel("Time zone").SelectOptionAsync("Europe/Berlin");
            await page.GetByLabel("Subscription company").FillAsync(carrier);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Saved.");

            await page.ReloadAsync();
            (await page.GetByLabel("Automatic sync").InputValueAsync()).ShouldBe("Weekly");
            (await page.GetByLabel("Preferred hour").InputValueAsync()).ShouldBe("2");
            (await page.GetByLabel("Time zone").InputValueAsync()).ShouldBe("Europe/Berlin");
            (await page.GetByLabel("Subscription company").InputValueAsync()).ShouldBe(carrier);
            await using var uow = await server.Store.BeginReadAsync();
            (await uow.Settings.GetAsync(alice.Id)).ShouldBe(new UserSettings(SyncInterval.Weekly, 2, "Europe/Berlin", carrier));
        }
    }

    [Fact]
    public async Task Devices_show_last_sync_sync_type_and_counts_per_datastore_and_one_can_be_removed()
    {
        var synced = DateTimeOffset.UtcNow.AddHours(-3);
        await using (var uow = await server.Store.BeginAsync())
        {
            var phone = await uow.Devices.RegisterAccessAsync(alice.Id, "IMEI:350000000000001");
            await uow.Devices.RegisterAccessAsync(alice.Id, "laptop-agent");
            var contacts = await uow.Datastores.EnsureAsync(alice.Id, DatastoreKind.Contacts);
            var notes = await uow.Datastores.EnsureAsync(alice.Id, DatastoreKind.Notes);
            await uow.SyncStates.SaveAsync(new SyncState(phone.Id, contacts.Id, "a1", null, "s1", null, 0, 0, synced, synced));
            await uow.SyncStates.SaveAsync(new SyncState(phone.Id, notes.Id, null, null, null, null, 0, 0, null, synced));
            await uow.IdMaps.UpsertAsync(phone.Id, contacts.Id, [new("1", Guid.NewGuid().ToString()), new("2", Guid.NewGuid().ToString()), new("3", Guid.NewGuid().ToString())]);
            await uow.CommitAsync();
        }

        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "alice", "correct horse");
            await page.GotoAsync("/settings/devices");
            var card = page.GetByRole(AriaRole.Region, new() { Name = "IMEI:350000000000001", Exact = true });
            var contactsRow = card.GetByRole(AriaRole.Row).Filter(new() { HasText = "Contacts" });
            (await contactsRow.Locator("td").AllTextContentsAsync()).ShouldBe(["Contacts", "3", Show(synced), "two-way"]);
            var notesRow = card.GetByRole(AriaRole.Row).Filter(new() { HasText = "Notes" });
            (await notesRow.Locator("td").AllTextContentsAsync()).ShouldBe(["Notes", "0", "—", "slow (full compare)"]);
            (await card.TextContentAsync())!.ShouldContain("Last sync: " + Show(synced));
            await Screenshots.TakeAsync(page, "settings-devices");
        }

        var pc = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(pc, "alice", "correct horse");
        await pc.GotoAsync("/settings/devices");
        await pc.GetByRole(AriaRole.Button, new() { Name = "Remove laptop-agent" }).ClickAsync();
        (await pc.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Removed laptop-agent.");
        (await pc.GetByRole(AriaRole.Region, new() { Name = "laptop-agent", Exact = true }).CountAsync()).ShouldBe(0);
        (await pc.GetByRole(AriaRole.Region, new() { Name = "IMEI:350000000000001", Exact = true }).CountAsync()).ShouldBe(1);
        await using var read = await server.Store.BeginReadAsync();
        (await read.Devices.ListAsync(alice.Id)).Select(d => d.DeviceId).ShouldBe(["IMEI:350000000000001"]);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_renews_the_md5_credential_and_ends_the_other_sessions()
    {
        var bob = await AddMd5UserAsync("bob", "old password");
        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(page, "bob", "old password");
        var elsewhere = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(elsewhere, "bob", "old password");
        await page.GotoAsync("/settings/password");
        await page.GetByLabel("Current password").FillAsync("not it");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("new password 1");
        await page.GetByLabel("New password again").FillAsync("new password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).ShouldBe("The current password is wrong.");
        await Screenshots.TakeAsync(page, "settings-password");

        await page.GetByLabel("Current password").FillAsync("old password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("new password 1");
        await page.GetByLabel("New password again").FillAsync("new password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Your password was changed.");

        await using (var uow = await server.Store.BeginReadAsync())
        {
            var stored = (await uow.Users.GetAsync(bob.Id))!;
            PasswordHasher.Verify("new password 1", stored.PasswordHash).ShouldBeTrue();
            stored.Md5Credential.ShouldBe(Md5Auth.CredentialHash("bob", "new password 1"));
        }

        using var client = new WebClient(server);
        await client.SignInAsync("bob", "new password 1");

        // The session that changed the password goes on; the one in another browser is signed out.
        await page.GotoAsync("/settings");
        page.Url.ShouldNotContain("/account/signin");
        await elsewhere.GotoAsync("/settings");
        elsewhere.Url.ShouldContain("/account/signin");
    }

    [Fact]
    public async Task A_token_made_on_the_page_opens_the_api_until_it_is_revoked()
    {
        var page = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(page, "alice", "correct horse");
        await page.GotoAsync("/settings/tokens");
        await page.GetByLabel("Name").FillAsync("backup script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = await page.Locator("#new-token").TextContentAsync();
        token.ShouldStartWith("cof_");
        await Screenshots.TakeAsync(page, "settings-tokens");

        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.GetAsync("/api/quota")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.GotoAsync("/settings/tokens");
        (await page.Locator("#new-token").CountAsync()).ShouldBe(0);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "backup script" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.WaitForAddressAsync("**/settings/tokens");
        (await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "backup script" }).CountAsync()).ShouldBe(0);
        (await http.GetAsync("/api/quota")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_overview_counts_items_per_datastore_and_shows_storage_against_the_quota()
    {
        await using var quotaServer = await WebServer.StartAsync("--Coffer:Quota:MaxBytes=1048576");
        var carol = await quotaServer.AddUserAsync("carol", "carol pass");
        await using (var uow = await quotaServer.Store.BeginAsync())
        {
            var notes = await uow.Datastores.EnsureAsync(carol.Id, DatastoreKind.Notes);
            await uow.Items.AddAsync(notes.Id, [new NewItem("text/plain", "one"u8.ToArray(), "web"), new NewItem("text/plain", "two"u8.ToArray(), "web")]);
            await uow.CommitAsync();
        }

        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(quotaServer, size);
            await SignIn.AsAsync(page, "carol", "carol pass");
            (await page.GetByRole(AriaRole.List, new() { Name = "Items by kind" }).TextContentAsync())!.Trim().ShouldBe("2Notes");
            (await page.Locator("main").TextContentAsync())!.ShouldContain("Storage used: 6 B of 1 MiB, 2 items of 100000.");
            (await page.Locator("main").TextContentAsync())!.ShouldContain("Last sync: none completed yet");
            await Screenshots.TakeAsync(page, "overview-figures");
        }
    }

    private static string Show(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    private async Task<UserAccount> AddMd5UserAsync(string name, string password)
    {
        var hash = PasswordHasher.Hash(password);
        await using var uow = await server.Store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync(name, hash, Md5Auth.CredentialHash(name, password)))!;
        await uow.CommitAsync();
        return user;
    }
}
