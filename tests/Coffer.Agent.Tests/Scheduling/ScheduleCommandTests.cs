using System.Text.Json;
using Coffer.Agent.Runs;
using Coffer.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Agent.Tests.Scheduling;

/// <summary><c>coffer-agent schedule --once</c> (what a systemd timer or cron runs) and <c>--print systemd|cron</c>.</summary>
public sealed class ScheduleCommandTests : IAsyncLifetime
{
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Once_backs_up_inside_the_window_and_then_only_after_a_change()
    {
        var user = await server.AddUserAsync("vera", "pw");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 0, 10, 0, TimeSpan.Zero));
        var phone = new Agent(server.Root, "vera") { Clock = clock };
        await phone.InitOkAsync(server.SyncUrl, "vera", "pw", "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 2, largeNoteBytes: 0);

        var first = await Step(phone);
        first.GetProperty("reason").GetString().ShouldBe("changes found");
        first.GetProperty("backup").GetProperty("exitCode").GetInt32().ShouldBe(ExitCodes.Ok);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(2);

        clock.Advance(TimeSpan.FromMinutes(61));
        (await Step(phone)).GetProperty("reason").GetString().ShouldBe("nothing changed");

        clock.Advance(TimeSpan.FromMinutes(61));
        PimSamples.Write(phone.DataDir, "contacts", "contact3.vcf", PimSamples.Contact(3));
        (await Step(phone)).GetProperty("reason").GetString().ShouldBe("changes found");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(3);

        // 07:00 is outside the window: a change waits for the next night.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 7, 0, 0, TimeSpan.Zero));
        PimSamples.Write(phone.DataDir, "contacts", "contact4.vcf", PimSamples.Contact(4));
        var outside = await Step(phone);
        outside.GetProperty("checked").GetBoolean().ShouldBeFalse();
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(3);
    }

    [Fact]
    public async Task Print_gives_a_systemd_timer_and_crontab_lines_for_the_window()
    {
        var phone = new Agent(server.Root, "printer");
        var systemd = await phone.RunAsync("schedule", "--print", "systemd", "--window", "01:00-03:00", "--every", "30", "--jitter", "10");
        systemd.ExitCode.ShouldBe(ExitCodes.Ok, systemd.ToString());
        systemd.StdOut.ShouldContain("OnCalendar=*-*-* 01:00:00");
        systemd.StdOut.ShouldContain("OnCalendar=*-*-* 02:30:00");
        systemd.StdOut.ShouldNotContain("OnCalendar=*-*-* 03:00:00");
        systemd.StdOut.ShouldContain("RandomizedDelaySec=600");
        systemd.StdOut.ShouldContain("schedule --once --window 01:00-03:00 --max-per-day 3 --every 30");

        var cron = await phone.RunAsync("schedule", "--print", "cron");
        cron.ExitCode.ShouldBe(ExitCodes.Ok, cron.ToString());
        cron.StdOut.Split('\n').Count(l => l.Contains("schedule --once", StringComparison.Ordinal)).ShouldBe(6);
        cron.StdOut.ShouldContain("0 5 * * * sleep $(shuf -i 0-1799 -n 1) && ");

        var bad = await phone.RunAsync("schedule", "--window", "25:00-03:00", "--once");
        bad.ExitCode.ShouldNotBe(ExitCodes.Ok, bad.ToString());
        bad.StdErr.ShouldContain("not HH:MM-HH:MM");
    }

    private static async Task<JsonElement> Step(Agent phone)
    {
        var result = await phone.RunAsync("schedule", "--once", "--json");
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return JsonDocument.Parse(result.StdOut).RootElement;
    }
}
