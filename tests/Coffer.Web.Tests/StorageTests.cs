using System.Text;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>The storage area and the history in the browser: save, recover after a confirmation that counts the changes, the trash and an item's history.</summary>
public sealed class StorageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Password = "storage pw";
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        alice = await server.AddUserAsync("alice", Password);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Save_then_recover_round_trip_says_what_will_change_and_the_trash_brings_an_item_back()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        var ann = await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Card("Ann Archer"));
        var ben = await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Card("Ben Baker"));
        await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Card("Cid Cole"));

        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(page, "alice", Password);
        await page.GotoAsync("/storage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save Contacts now" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Saved Contacts.");
        (await page.Locator("#store-contacts + .scroll tbody tr").CountAsync()).ShouldBe(1);
        await Screenshots.TakeAsync(page, "storage");

        // After the save: Ann deleted, Ben changed, Dee added.
        (await items.DeleteAsync(alice.Id, DatastoreKind.Contacts, ann.Id)).ShouldBeTrue();
        (await items.ReplaceAsync(alice.Id, DatastoreKind.Contacts, ben.Id, "text/vcard", Card("Ben Baker-Brown"))).ShouldNotBeNull();
        var dee = await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Card("Dee Dunn"));

        await page.GotoAsync("/storage");
        await page.Locator("#store-contacts + .scroll").GetByRole(AriaRole.Link, new() { Name = "Recover…" }).ClickAsync();
        await page.WaitForAddressAsync("**/storage/recover?store=contacts&generation=*");
        (await page.GetByRole(AriaRole.List, new() { Name = "What will change" }).InnerTextAsync()).ShouldBe(
            "1 items brought back\n1 items changed back\n1 items removed\n1 items left as they are");
        await Screenshots.TakeAsync(page, "storage-recover");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recover" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync() ?? "").ShouldStartWith("Done: 2 items written back, 1 removed.");
        (await LiveNamesAsync()).ShouldBe(["Ann Archer", "Ben Baker", "Cid Cole"], ignoreOrder: true);

        // Dee, removed by the recovery, waits in the trash; restoring her brings her back.
        await page.GotoAsync("/storage/trash");
        await Screenshots.TakeAsync(page, "storage-trash");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore Dee Dunn" }).ClickAsync();
        await page.WaitForAddressAsync("**/storage/trash?restored=*");
        (await LiveNamesAsync()).ShouldBe(["Ann Archer", "Ben Baker", "Cid Cole", "Dee Dunn"], ignoreOrder: true);

        // Ben's history holds both names; restoring the changed version makes it current again.
        await page.GotoAsync($"/storage/item?store=contacts&id={ben.Id}");
        (await page.Locator("tbody tr").CountAsync()).ShouldBe(3);
        await Screenshots.TakeAsync(page, "storage-item");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore version 2" }).ClickAsync();
        await page.WaitForAddressAsync("**restored=true");
        (await LiveNamesAsync()).ShouldContain("Ben Baker-Brown");

        await page.SetViewportSizeAsync(Chromium.Pc.Width, Chromium.Pc.Height);
        await page.GotoAsync("/storage");
        await Screenshots.TakeAsync(page, "storage");
        await page.GotoAsync("/storage/recover");
        await Screenshots.TakeAsync(page, "storage-recover");
        await page.GotoAsync("/storage/trash");
        await Screenshots.TakeAsync(page, "storage-trash");
        await page.GotoAsync($"/storage/item?store=contacts&id={dee.Id}");
        await Screenshots.TakeAsync(page, "storage-item");
    }

    private static byte[] Card(string name) => Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name.Split(' ')[^1]};{name.Split(' ')[0]};;;\r\nEND:VCARD\r\n");

    private async Task<List<string>> LiveNamesAsync()
    {
        var live = await server.App.Services.GetRequiredService<WebItems>().ListAsync(alice.Id, DatastoreKind.Contacts);
        return [.. live.Select(i => Encoding.UTF8.GetString(i.Content!).Split("\r\n").First(l => l.StartsWith("FN:", StringComparison.Ordinal))[3..])];
    }
}
