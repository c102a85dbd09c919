using Coffer.Interop.Tests.Harness;
using Coffer.Web.Tests;
using Microsoft.Playwright;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Web;

/// <summary>
/// The contact pages and a real phone (SyncEvolution) on one Coffer server: what the browser creates, edits and
/// deletes reaches the phone at its next two-way sync, and what the phone changes is on the page.
/// </summary>
[Trait("Category", "Interop")]
public sealed class WebPagePhoneRoundTripTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "web and phone";
    private const HarnessDatastore Contacts = HarnessDatastore.Contacts;

    [Fact]
    public async Task Contact_created_edited_and_deleted_on_the_page_arrives_on_the_phone_and_the_phones_edit_on_the_page()
    {
        await using var server = await WebServer.StartAsync();
        await server.AddUserAsync("carol", Password);
        using var env = SyncEvolutionEnvironment.Create("webphone");
        var phone = await Phone.CreateAsync(env, "pw", server.SyncUri.ToString(), "carol", Password);
        phone.WriteItem(Contacts, "ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\nTEL;TYPE=CELL:+44 20 7946 0001\r\nNOTE:written on the phone\r\nEND:VCARD\r\n");
        (await SyncAsync(phone, SyncMode.Slow)).RemoteAdded.ShouldBe(1);

        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(page, "carol", Password);
        await page.GotoAsync("/contacts");
        (await page.GetByRole(AriaRole.List, new() { Name = "Contacts" }).InnerTextAsync()).ShouldContain("Ada Lovelace");

        // Created on the page: the phone gets it.
        await page.GotoAsync("/contacts/new");
        await page.GetByLabel("Given name").FillAsync("Grace");
        await page.GetByLabel("Family name").FillAsync("Hopper");
        await page.GetByLabel("Phone").FillAsync("+1 202 555 0100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.EndsWith("/new", StringComparison.Ordinal));
        var graceUrl = page.Url;
        var added = await SyncAsync(phone);
        (added.LocalAdded, added.LocalUpdated, added.LocalDeleted).ShouldBe((1, 0, 0));
        var graceFile = phone.ReadItems(Contacts).Single(kv => kv.Value.Contains("Hopper", StringComparison.Ordinal)).Key;
        phone.ReadItem(Contacts, graceFile).ShouldContain("+1 202 555 0100");

        // Edited on the page, one field: the phone gets the new number.
        await page.GotoAsync(graceUrl + "/edit");
        await page.GetByLabel("Phone Value").FillAsync("+1 202 555 0199");
        await page.GetByLabel("New field 1 kind").FillAsync("EMAIL");
        await page.GetByLabel("New field 1 value").FillAsync("grace@navy.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForAddressAsync(graceUrl);
        var edited = await SyncAsync(phone);
        (edited.LocalAdded, edited.LocalUpdated, edited.LocalDeleted).ShouldBe((0, 1, 0));
        var grace = phone.ReadItem(Contacts, graceFile);
        grace.ShouldContain("+1 202 555 0199");
        grace.ShouldContain("grace@navy.example");
        grace.ShouldNotContain("0100");

        // Edited on the phone: the page shows it.
        phone.EditItem(Contacts, "ada.vcf", c => c.Replace("written on the phone", "edited on the phone", StringComparison.Ordinal));
        (await SyncAsync(phone)).RemoteUpdated.ShouldBe(1);
        await page.GotoAsync("/contacts?q=lovelace");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
        (await page.Locator("dl.fields").InnerTextAsync()).ShouldContain("edited on the phone");
        await Screenshots.TakeAsync(page, "contact-from-phone");

        // Deleted on the page: gone from the phone.
        await page.GotoAsync(graceUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForAddressAsync("**/contacts");
        var deleted = await SyncAsync(phone);
        (deleted.LocalAdded, deleted.LocalUpdated, deleted.LocalDeleted).ShouldBe((0, 0, 1));
        phone.ReadItems(Contacts).Values.ShouldAllBe(c => !c.Contains("Hopper", StringComparison.Ordinal));
        phone.CountItems(Contacts).ShouldBe(1);
    }

    private static async Task<DatastoreReport> SyncAsync(Phone phone, SyncMode mode = SyncMode.TwoWay)
    {
        var report = await phone.SyncAsync(mode, Contacts);
        report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}");
        return report[Contacts];
    }
}
