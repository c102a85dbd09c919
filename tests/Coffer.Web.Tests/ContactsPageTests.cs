using System.Text;
using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

public sealed class ContactsPageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        alice = await server.AddUserAsync("alice", "correct horse");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Contact_is_created_edited_field_by_field_and_deleted_and_fields_no_form_knows_survive()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        var seeded = await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Encoding.UTF8.GetBytes(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Gauss;Carl;Friedrich;;\r\nFN:Carl Friedrich Gauss\r\nTEL;TYPE=HOME:+49 551 123\r\n" +
            "X-COFFER-SHOE-SIZE;X-UNIT=eu:44\r\nitem1.X-ABLABEL:Göttingen\r\nNOTE:Prince of mathematicians\r\nEND:VCARD\r\n"));

        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "alice", "correct horse");
            await page.GotoAsync("/contacts");
            (await page.GetByRole(AriaRole.List, new() { Name = "Contacts" }).InnerTextAsync()).ShouldContain("Carl Friedrich Gauss");
            await Screenshots.TakeAsync(page, "contacts-list");
            await page.GetByRole(AriaRole.Link, new() { Name = "Carl Friedrich Gauss" }).ClickAsync();
            await page.WaitForAddressAsync($"**/contacts/{seeded.Id}");
            (await page.Locator("dl.fields").InnerTextAsync()).ShouldContain("X-COFFER-SHOE-SIZE");
            await Screenshots.TakeAsync(page, "contact-view");
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
            await page.WaitForAddressAsync($"**/contacts/{seeded.Id}/edit");
            await Screenshots.TakeAsync(page, "contact-edit");
            await page.Context.CloseAsync();
        }

        var edit = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(edit, "alice", "correct horse");
        await edit.GotoAsync($"/contacts/{seeded.Id}/edit");
        await edit.GetByLabel("Phone Value").FillAsync("+49 551 999");
        await edit.Locator("fieldset[data-field='NOTE'] input[type=checkbox]").CheckAsync();
        await edit.GetByLabel("New field 1 kind").FillAsync("EMAIL");
        await edit.GetByLabel("New field 1 type").FillAsync("work");
        await edit.GetByLabel("New field 1 value").FillAsync("gauss@uni-goettingen.de");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await edit.WaitForAddressAsync($"**/contacts/{seeded.Id}");

        var stored = Encoding.UTF8.GetString((await items.GetAsync(alice.Id, DatastoreKind.Contacts, seeded.Id))!.Content!);
        var card = VCardParser.Parse(stored).Single();
        card.Telephones.Single().Number.ShouldBe("+49 551 999");
        card.Telephones.Single().Types.ShouldBe(["HOME"]);
        card.Emails.Single().Address.ShouldBe("gauss@uni-goettingen.de");
        card.Note.ShouldBeNull();
        card.GetProperty("X-COFFER-SHOE-SIZE")!.GetParameter("X-UNIT").ShouldBe("eu");
        card.GetProperty("X-ABLABEL")!.Group.ShouldBe("item1");
        card.GetProperty("X-ABLABEL")!.Value.ShouldBe("Göttingen");

        await edit.GotoAsync("/contacts/new");
        await Screenshots.TakeAsync(edit, "contact-new");
        await edit.GetByLabel("Given name").FillAsync("Emmy");
        await edit.GetByLabel("Family name").FillAsync("Noether");
        await edit.GetByLabel("Phone").FillAsync("+49 9131 42");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await edit.WaitForAddressAsync(url => !url.EndsWith("/new", StringComparison.Ordinal));
        (await edit.Locator("h1").TextContentAsync()).ShouldBe("Emmy Noether");

        await edit.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await edit.WaitForAddressAsync("**/contacts");
        (await edit.GetByRole(AriaRole.List, new() { Name = "Contacts" }).InnerTextAsync()).ShouldNotContain("Noether");
        (await items.ListAsync(alice.Id, DatastoreKind.Contacts)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task List_pages_and_searches_by_name_and_by_phone_digits()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        for (var i = 0; i < 120; i++)
        {
            await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Encoding.UTF8.GetBytes(
                $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{i:D3};Test;;;\r\nFN:Test Person{i:D3}\r\nTEL:+1 (555) 01{i:D3}\r\nEND:VCARD\r\n"));
        }

        var page = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(page, "alice", "correct horse");
        await page.GotoAsync("/contacts");
        (await page.Locator("ul.items li").CountAsync()).ShouldBe(50);
        (await page.Locator("ul.items li").First.InnerTextAsync()).ShouldContain("Test Person000");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        (await page.Locator("ul.items li").First.InnerTextAsync()).ShouldContain("Test Person050");
        (await page.Locator("nav.pager").InnerTextAsync()).ShouldContain("51–100 of 120");

        await page.GetByLabel("Search contacts").FillAsync("person07");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        (await page.Locator("ul.items li").CountAsync()).ShouldBe(10);

        await page.GetByLabel("Search contacts").FillAsync("555-01042");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        (await page.Locator("ul.items li").AllTextContentsAsync()).ShouldHaveSingleItem().ShouldContain("Test Person042");

        // A change made elsewhere (a phone's sync, the API) is in the next list shown.
        await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Encoding.UTF8.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Late\r\nN:Late;Zed;;;\r\nEND:VCARD\r\n"));
        await page.GotoAsync("/contacts?q=zed");
        (await page.Locator("ul.items li").AllTextContentsAsync()).ShouldHaveSingleItem().ShouldContain("Zed Late");
    }
}
