using System.Globalization;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>An administrator watches a running sync of a real agent on /admin/sessions, without reloading the page.</summary>
public sealed class AdminSessionsTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const int Contacts = 300;
    private WebServer server = null!;

    public async Task InitializeAsync()
    {
        server = await WebServer.StartAsync();
        await server.AddAdminAsync("root", "admin pw");
        await server.AddUserAsync("alice", "alice pw");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_administrator_sees_a_running_syncs_progress_and_then_the_finished_session()
    {
        var root = Path.GetDirectoryName(server.DataDir)!;
        var contacts = Path.Combine(root, "phone", "contacts");
        Directory.CreateDirectory(contacts);
        for (var i = 0; i < Contacts; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(contacts, $"c{i}.vcf"), string.Create(
                CultureInfo.InvariantCulture,
                $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{i:D4};Ann;;;\r\nFN:Ann Person{i:D4}\r\nTEL;TYPE=CELL:+49 30 {1000000 + i}\r\nEMAIL:ann{i}@example.org\r\nEND:VCARD\r\n"));
        }

        var home = new AgentHome(Path.Combine(root, "agent"));
        home.Save(
            new AgentConfig { ServerUrl = server.SyncUri, User = "alice", DeviceId = "agent-watched", DataDir = Path.Combine(root, "phone"), Datastores = ["contacts"], MaxMsgSize = 4096 },
            "alice pw");
        var (config, password) = home.Load();

        var pc = await chromium.NewPageAsync(server, Chromium.Pc);
        var phone = await chromium.NewPageAsync(server, Chromium.Phone);
        foreach (var page in new[] { pc, phone })
        {
            await SignIn.AsAsync(page, "root", "admin pw");
            await page.GotoAsync("/admin/sessions");
            await page.GetByText("No sync is running.").WaitForAsync();
        }

        using var http = new HttpClient();
        var gate = new GatedTransport(new HttpSyncTransport(http), pauseBefore: 5);
        var run = Task.Run(() => new AgentRunner(home, config, password, gate, new QuietRunProgress()).RunAsync(RunMode.Backup, [], null, CancellationToken.None));
        await gate.Reached.WaitAsync(TimeSpan.FromMinutes(2));

        // Four messages applied, the fifth held back: the page shows the session part way, polled, not reloaded.
        var sessions = await (await pc.APIRequest.GetAsync("/api/admin/sessions")).TextAsync();
        sessions.ShouldContain("\"device\":\"agent-watched\"", customMessage: sessions);
        const string running = "#live-sessions .datastore";
        foreach (var page in new[] { pc, phone })
        {
            await page.WaitForFunctionAsync($"() => {{ const d = document.querySelector(\"{running}\"); return d && +d.dataset.fromClientDone > 0; }}");
            var store = page.Locator(running);
            var done = int.Parse((await store.GetAttributeAsync("data-from-client-done"))!, CultureInfo.InvariantCulture);
            done.ShouldBeGreaterThan(0);
            done.ShouldBeLessThan(Contacts);
            (await store.GetAttributeAsync("data-from-client-total")).ShouldBe(Contacts.ToString(CultureInfo.InvariantCulture));
            (await store.Locator(".from-client").TextContentAsync()).ShouldBe($"from device: {done} of {Contacts}");
            (await page.Locator("#live-sessions h3").TextContentAsync()).ShouldBe("alice · agent-watched");
            await Screenshots.TakeAsync(page, "admin-sessions-running");
        }

        gate.Release();
        var summary = await run.WaitAsync(TimeSpan.FromMinutes(5));
        summary.ExitCode.ShouldBe(ExitCodes.Ok, summary.Error);

        const string finished = "#recent-sessions .datastore";
        foreach (var page in new[] { pc, phone })
        {
            await page.WaitForFunctionAsync($"() => {{ const d = document.querySelector(\"{finished}\"); return d && d.dataset.fromClientDone === '{Contacts}'; }}");
            await page.GetByText("No sync is running.").WaitForAsync();
            var card = page.Locator("#recent-sessions .session");
            (await card.Locator("dd").First.TextContentAsync()).ShouldBe("completed");
            (await card.Locator(".from-client").TextContentAsync()).ShouldBe($"from device: {Contacts} of {Contacts}");
            await Screenshots.TakeAsync(page, "admin-sessions-finished");
        }
    }

    [Fact]
    public async Task A_user_who_is_not_an_administrator_reaches_neither_the_page_nor_its_json()
    {
        var page = await chromium.NewPageAsync(server);
        await SignIn.AsAsync(page, "alice", "alice pw");
        await page.GotoAsync("/admin/sessions");
        page.Url.ShouldContain("/account/denied");
        (await page.Locator("#live-sessions").CountAsync()).ShouldBe(0);
        var json = await page.APIRequest.GetAsync("/api/admin/sessions", new() { MaxRedirects = 0 });
        json.Status.ShouldNotBe(200);
    }
}
