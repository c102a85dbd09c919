using System.Threading.Channels;
using Coffer.Agent.Cli;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Agent.Scheduling;
using Coffer.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Agent.Tests.Scheduling;

/// <summary>
/// <c>coffer-agent schedule</c>'s loop in simulated time against the real server: five nights of the default window
/// (00:00–06:00), backups only inside it, at most three a night, none on a night when nothing changed.
/// </summary>
public sealed class ScheduleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Backups_run_only_in_the_window_at_most_three_a_night_and_only_after_changes()
    {
        var user = await server.AddUserAsync("nora", "pw");
        var phone = new Agent(server.Root, "nora");
        await phone.InitOkAsync(server.SyncUrl, "nora", "pw", "--datastore", "contacts");
        PimSamples.Fill(phone.DataDir, 2, largeNoteBytes: 0);
        var home = new AgentHome(phone.ConfigDir);
        var clock = new FakeTimeProvider(Start);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var log = new StringWriter();
        var scheduled = new ScheduledBackup(home, new HttpSyncTransport(http), new PlainRunProgress(log, clock, TimeSpan.FromSeconds(5)), clock);
        var scheduler = new BackupScheduler(new ScheduleOptions(), new ScheduleStateFile(home.ScheduleFile), clock, new Random(15), scheduled.HasWork, scheduled.BackupAsync);
        var steps = Channel.CreateUnbounded<ScheduleEvent>();
        scheduler.Stepped = e => steps.Writer.TryWrite(e);

        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);
        var events = new List<ScheduleEvent>();
        var added = 2;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var e = await steps.Reader.ReadAsync(deadline.Token);
            events.Add(e);
            if (e.At >= new DateTimeOffset(2026, 12, 13, 0, 0, 0, TimeSpan.Zero))
            {
                break;
            }

            // Night 2 (Dec 9): a new contact before every look, so each finds a change; the fourth contact waits for night 3.
            // Night 5 (Dec 12): one contact added during the day before.
            if (e.NextWake.Date == new DateTime(2026, 12, 9) || (e.At.Date == new DateTime(2026, 12, 11) && e.NextWake.Date == new DateTime(2026, 12, 12)))
            {
                added++;
                PimSamples.Write(phone.DataDir, "contacts", $"contact{added}.vcf", PimSamples.Contact(added));
            }

            clock.SetUtcNow(e.NextWake);
        }

        await stop.CancelAsync();
        await loop;

        var backups = events.Where(e => e.Backup != null).ToList();
        var context = string.Join('\n', events.Select(e => $"{e.At:MM-dd HH:mm} {e.Reason} -> {e.NextWake:MM-dd HH:mm}"));
        backups.ShouldAllBe(e => e.At.TimeOfDay < TimeSpan.FromHours(6), context);
        backups.ShouldAllBe(e => e.Backup!.ExitCode == ExitCodes.Ok, context);
        string.Join(' ', backups.GroupBy(e => e.At.Day).Select(g => $"{g.Key}:{g.Count()}")).ShouldBe("8:1 9:3 10:1 12:1", context);

        // Night 4 (Dec 11) looked for changes through the window and found none.
        events.Count(e => e.At.Day == 11 && e.Checked && e.Backup == null).ShouldBeGreaterThanOrEqualTo(5, context);
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(added);
        added.ShouldBe(7);

        // The runs are remembered in the configuration directory, so a restarted loop keeps the night's limit.
        new ScheduleStateFile(home.ScheduleFile).Load().Runs[^1].ShouldBe(backups[^1].At);
    }

    [Fact]
    public async Task A_restarted_schedule_keeps_the_nights_limit()
    {
        await server.AddUserAsync("olga", "pw");
        var phone = new Agent(server.Root, "olga");
        await phone.InitOkAsync(server.SyncUrl, "olga", "pw", "--datastore", "notes");
        PimSamples.Fill(phone.DataDir, 1, largeNoteBytes: 0);
        var home = new AgentHome(phone.ConfigDir);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var options = new ScheduleOptions { MaxPerDay = 1 };
        BackupScheduler Fresh()
        {
            var scheduled = new ScheduledBackup(home, new HttpSyncTransport(http), new PlainRunProgress(TextWriter.Null, clock, TimeSpan.FromSeconds(5)), clock);
            return new BackupScheduler(options, new ScheduleStateFile(home.ScheduleFile), clock, new Random(1), scheduled.HasWork, scheduled.BackupAsync);
        }

        var first = await Fresh().StepAsync(CancellationToken.None);
        first.Backup.ShouldNotBeNull();
        PimSamples.Write(phone.DataDir, "notes", "later.txt", PimSamples.Note(99));
        clock.Advance(TimeSpan.FromHours(2));

        var again = await Fresh().StepAsync(CancellationToken.None);
        again.Backup.ShouldBeNull(again.Reason);
        again.Checked.ShouldBeFalse();
        again.NextWake.ShouldBeGreaterThanOrEqualTo(new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Agents_entering_the_window_are_spread_over_the_jitter()
    {
        var phone = new Agent(server.Root, "spread");
        await phone.InitOkAsync(server.SyncUrl, "nobody", "pw");
        var home = new AgentHome(phone.ConfigDir);
        var clock = new FakeTimeProvider(Start);
        var options = new ScheduleOptions();
        var starts = new HashSet<DateTimeOffset>();
        for (var seed = 0; seed < 20; seed++)
        {
            var scheduler = new BackupScheduler(options, new ScheduleStateFile(home.ScheduleFile), clock, new Random(seed), _ => throw new InvalidOperationException("outside the window nothing is looked at"), _ => throw new InvalidOperationException("outside the window nothing runs"));
            var step = await scheduler.StepAsync(CancellationToken.None);
            step.NextWake.ShouldBeGreaterThanOrEqualTo(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero));
            step.NextWake.ShouldBeLessThan(new DateTimeOffset(2026, 12, 8, 0, 30, 0, TimeSpan.Zero));
            starts.Add(step.NextWake);
        }

        starts.Count.ShouldBeGreaterThan(15);
    }
}
