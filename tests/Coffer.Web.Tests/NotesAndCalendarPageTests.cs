using System.Text;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

public sealed class NotesAndCalendarPageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Event =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:standup-1\r\nDTSTAMP:20260101T000000Z\r\n" +
        "DTSTART:20261207T090000Z\r\nDTEND:20261207T091500Z\r\nSUMMARY:Standup\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\nX-COFFER-ROOM-CODE:4711\r\n" +
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Standup\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private WebServer server = null!;
    private UserAccount alice = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        alice = await server.AddUserAsync("alice", "correct horse");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Note_is_written_edited_and_deleted()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "alice", "correct horse");
            await page.GotoAsync("/notes/new");
            await page.GetByLabel("Text").FillAsync("Shopping\nmilk\nbread");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
            await page.WaitForAddressAsync(url => !url.EndsWith("/new", StringComparison.Ordinal));
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Shopping");
            await Screenshots.TakeAsync(page, "note-view");
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
            await page.GetByLabel("Text").FillAsync("Shopping list\nmilk\nbread\ncoffee");
            await Screenshots.TakeAsync(page, "note-edit");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.WaitForAddressAsync(url => !url.Contains("edit", StringComparison.Ordinal));
            (await page.Locator(".note-text").InnerTextAsync()).ShouldContain("coffee");
            await page.GotoAsync("/notes");
            (await page.GetByRole(AriaRole.List, new() { Name = "Notes" }).InnerTextAsync()).ShouldContain("Shopping list");
            await Screenshots.TakeAsync(page, "notes-list");
            await page.GetByRole(AriaRole.Link, new() { Name = "Shopping list" }).First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await page.WaitForAddressAsync("**/notes");
            await page.Context.CloseAsync();
        }

        (await items.ListAsync(alice.Id, DatastoreKind.Notes)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Event_is_edited_keeping_its_alarm_recurrence_and_unknown_properties_and_a_task_is_added_and_deleted()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        var added = await items.AddAsync(alice.Id, DatastoreKind.Events, "text/calendar", Encoding.UTF8.GetBytes(Event));
        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var look = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(look, "alice", "correct horse");
            await look.GotoAsync("/calendar");
            (await look.GetByRole(AriaRole.List, new() { Name = "Events" }).InnerTextAsync()).ShouldContain("Standup");
            await Screenshots.TakeAsync(look, "calendar-list");
            await look.GotoAsync($"/calendar/{added.Id}");
            (await look.Locator("dl.fields").InnerTextAsync()).ShouldContain("FREQ=WEEKLY");
            await Screenshots.TakeAsync(look, "event-view");
            await look.GotoAsync($"/calendar/{added.Id}?edit=true");
            await Screenshots.TakeAsync(look, "event-edit");
            await look.GotoAsync("/tasks/new");
            await Screenshots.TakeAsync(look, "task-new");
            await look.Context.CloseAsync();
        }

        var page = await chromium.NewPageAsync(server, Chromium.Phone);
        await SignIn.AsAsync(page, "alice", "correct horse");
        await page.GotoAsync($"/calendar/{added.Id}?edit=true");
        await page.GetByLabel("Title").FillAsync("Team standup");
        await page.GetByLabel("Location").FillAsync("Room 4");
        await page.GetByLabel("Starts").FillAsync("2026-12-07T09:30");
        await page.GetByLabel("Ends").FillAsync("2026-12-07T09:45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForAddressAsync($"**/calendar/{added.Id}");
        var stored = Encoding.UTF8.GetString((await items.GetAsync(alice.Id, DatastoreKind.Events, added.Id))!.Content!);
        stored.ShouldContain("SUMMARY:Team standup");
        stored.ShouldContain("LOCATION:Room 4");
        stored.ShouldContain("DTSTART:20261207T093000Z");
        stored.ShouldContain("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR");
        stored.ShouldContain("X-COFFER-ROOM-CODE:4711");
        stored.ShouldContain("TRIGGER:-PT5M");

        await page.GotoAsync("/tasks/new");
        await page.GetByLabel("Title").FillAsync("File taxes");
        await page.GetByLabel("Due").FillAsync("2027-01-31T17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.EndsWith("/new", StringComparison.Ordinal));
        await page.GotoAsync("/tasks");
        (await page.GetByRole(AriaRole.List, new() { Name = "Tasks" }).InnerTextAsync()).ShouldContain("2027-01-31 17:00");
        await Screenshots.TakeAsync(page, "tasks-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "File taxes" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForAddressAsync("**/tasks");
        (await items.ListAsync(alice.Id, DatastoreKind.Tasks)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ics_export_imported_again_adds_nothing_and_a_new_file_adds_its_events_once()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        await items.AddAsync(alice.Id, DatastoreKind.Events, "text/calendar", Encoding.UTF8.GetBytes(Event));
        var page = await chromium.NewPageAsync(server, Chromium.Pc);
        await SignIn.AsAsync(page, "alice", "correct horse");
        await page.GotoAsync("/calendar/file");
        await Screenshots.TakeAsync(page, "calendar-file");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download all events (.ics)" }).ClickAsync());
        var exported = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Encoding.UTF8.GetString(exported).ShouldContain("UID:standup-1");

        var other = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261210T100000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261211T100000Z\r\nSUMMARY:Barber\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID:20261210T100000Z\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261210T110000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n";
        foreach (var (file, expected) in new[] { (exported, "Added 0, skipped 1."), (Encoding.UTF8.GetBytes(other), "Added 2, skipped 0."), (Encoding.UTF8.GetBytes(other), "Added 0, skipped 2.") })
        {
            await page.GotoAsync("/calendar/file");
            await page.GetByLabel(".ics file").SetInputFilesAsync(new FilePayload { Name = "cal.ics", MimeType = "text/calendar", Buffer = file });
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe(expected);
        }

        await Screenshots.TakeAsync(page, "calendar-file-imported");
        (await items.ListAsync(alice.Id, DatastoreKind.Events)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Month_and_week_views_expand_a_recurring_event_without_its_excluded_date()
    {
        var items = server.App.Services.GetRequiredService<WebItems>();
        await items.AddAsync(alice.Id, DatastoreKind.Events, "text/calendar", Encoding.UTF8.GetBytes(Event.Replace("RRULE:", "EXDATE:20261209T090000Z\r\nRRULE:", StringComparison.Ordinal)));
        await items.AddAsync(alice.Id, DatastoreKind.Events, "text/calendar", Encoding.UTF8.GetBytes(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:xmas\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
        foreach (var size in new[] { Chromium.Phone, Chromium.Pc })
        {
            var page = await chromium.NewPageAsync(server, size);
            await SignIn.AsAsync(page, "alice", "correct horse");
            await page.GotoAsync("/calendar/month?d=2026-12-01");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("December 2026");
            // Mondays, Wednesdays and Fridays of December from the 7th, less the 9th (the grid's last week runs into January).
            (await page.Locator("li.day[data-day^='2026-12'] a.event", new() { HasText = "Standup" }).CountAsync()).ShouldBe(10);
            (await page.Locator("li.day[data-day='2026-12-09'] a.event").CountAsync()).ShouldBe(0);
            (await page.Locator("li.day[data-day='2026-12-25']").InnerTextAsync()).ShouldContain("Christmas");
            await Screenshots.TakeAsync(page, "calendar-month");
            await page.GotoAsync("/calendar/month?d=2026-12-09&week=true");
            (await page.Locator("li.day a.event").AllInnerTextsAsync()).ShouldBe(["09:00 Standup ↻", "09:00 Standup ↻"]);
            (await page.Locator("li.day[data-day='2026-12-11']").InnerTextAsync()).ShouldContain("Standup");
            await Screenshots.TakeAsync(page, "calendar-week");
            await page.Context.CloseAsync();
        }
    }
}
