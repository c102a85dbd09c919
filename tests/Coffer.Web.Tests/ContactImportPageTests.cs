using System.Text;
using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

public sealed class ContactImportPageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        alice = await server.AddUserAsync("alice", "correct horse");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("google", "First Name")]
    [InlineData("outlook", "First Name")]
    public async Task Csv_downloaded_and_uploaded_again_with_a_duplicate_and_a_new_row_adds_only_the_new_contact(string format, string header)
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        foreach (var (given, family, tel) in new[] { ("Ada", "Lovelace", "+44 20 7946 0001"), ("Alan", "Turing", "+44 20 7946 0002"), ("Grace", "Hopper", "+1 202 555 0003") })
        {
            await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Encoding.UTF8.GetBytes(
                $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{family};{given};;;\r\nFN:{given} {family}\r\nTEL;TYPE=CELL:{tel}\r\nEND:VCARD\r\n"));
        }

        var page = await chromium.NewPageAsync(server, format == "google" ? Chromium.Phone : Chromium.Pc);
        await SignIn.AsAsync(page, "alice", "correct horse");
        await page.GotoAsync("/contacts/export");
        await Screenshots.TakeAsync(page, "contacts-export");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = format == "google" ? "Google CSV" : "Outlook CSV" }).ClickAsync());
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = exported.TrimEnd('\r', '\n').Split("\r\n").ToList();
        lines[0].ShouldContain(header);
        lines.Count.ShouldBe(4);

        // The upload: the three exported rows, Ada once more, and one contact that is new.
        var newRow = lines[1].Replace("Ada", "Katherine", StringComparison.Ordinal).Replace("Lovelace", "Johnson", StringComparison.Ordinal).Replace("0001", "0004", StringComparison.Ordinal);
        var upload = string.Join("\r\n", lines.Concat([lines[1], newRow])) + "\r\n";

        await page.GotoAsync("/contacts/import");
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(upload) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        preview.ShouldContain("1 to add, 0 to update, 4 to skip");
        (await page.Locator("tr.skip").AllTextContentsAsync()).ShouldContain(t => t.Contains("the same contact as line 2 of this file", StringComparison.Ordinal));
        await Screenshots.TakeAsync(page, $"contacts-import-preview-{format}");
        (await items.ListAsync(alice.Id, DatastoreKind.Contacts)).Count.ShouldBe(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Added 1, updated 0, skipped 4.");
        await Screenshots.TakeAsync(page, $"contacts-import-summary-{format}");

        var stored = (await items.ListAsync(alice.Id, DatastoreKind.Contacts)).Select(i => VCardParser.Parse(Encoding.UTF8.GetString(i.Content!)).Single()).ToList();
        stored.Select(c => c.Name!.Family).Order().ShouldBe(["Hopper", "Johnson", "Lovelace", "Turing"]);
        stored.Single(c => c.Name!.Family == "Johnson").Telephones.Single().Number.ShouldBe("+44 20 7946 0004");
    }

    [Fact]
    public async Task Vcf_upload_merges_new_fields_into_the_existing_contact_instead_of_adding_it()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        await items.AddAsync(alice.Id, DatastoreKind.Contacts, "text/vcard", Encoding.UTF8.GetBytes(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Curie;Marie;;;\r\nFN:Marie Curie\r\nTEL;TYPE=CELL:+33 1 44 27 00 00\r\nEND:VCARD\r\n"));
        var upload = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Curie;Marie\r\nTEL;CELL:+33144270000\r\nEMAIL;INTERNET:marie@example.org\r\nEND:VCARD\r\n";

        var page = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(page, "alice", "correct horse");
        await page.GotoAsync("/contacts/import");
        await Screenshots.TakeAsync(page, "contacts-import");
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "marie.vcf", MimeType = "text/vcard", Buffer = Encoding.UTF8.GetBytes(upload) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("0 to add, 1 to update, 0 to skip");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Added 0, updated 1, skipped 0.");

        var card = VCardParser.Parse(Encoding.UTF8.GetString((await items.ListAsync(alice.Id, DatastoreKind.Contacts)).Single().Content!)).Single();
        card.Emails.Single().Address.ShouldBe("marie@example.org");
        card.Telephones.Count.ShouldBe(1);
    }
}
