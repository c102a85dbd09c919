using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sync.Tests.Notifications;

/// <summary>The scheduler over a real store, in simulated time, across a server restart in the middle of a night.</summary>
public sealed class NotificationSchedulerTests : IDisposable
{
    private const int Users = 1500;

    private readonly string dataDir = Directory.CreateTempSubdirectory("coffer-notify-").FullName;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 4, 12, 0, 0, TimeSpan.Zero));

    // 5 a minute over 240 minutes: 1200 of the 1500 fit the first night.
    private readonly NotificationPlanOptions options = new() { CapacityPerMinute = 5, MinimumSlotSends = 1 };

    public void Dispose() => Directory.Delete(dataDir, recursive: true);

    [Fact]
    public async Task A_restart_in_the_middle_of_a_night_sends_nobody_twice_and_the_postponed_go_first_the_next_night()
    {
        var sent = new List<(long User, DateTimeOffset At)>();
        var users = new List<long>();
        Dictionary<long, DateTimeOffset> planned;
        await using (var store = Open())
        {
            await store.InitializeAsync();
            await using var uow = await store.BeginAsync();
            var hash = PasswordHasher.Hash("pw", 1000);
            for (var i = 0; i < Users; i++)
            {
                var user = (await uow.Users.TryCreateAsync($"user{i}", hash))!;
                await uow.Devices.RegisterAccessAsync(user.Id, "phone");
                (await uow.Settings.SetAsync(user.Id, new UserSettings(SyncInterval.Daily, 2 + (i % 2), "UTC", i % 3 == 0 ? "au" : "docomo"))).ShouldBeTrue();
                users.Add(user.Id);
            }

            await uow.CommitAsync();
        }

        await using (var store = Open())
        {
            var scheduler = Scheduler(store, sent);
            var plan = (await scheduler.PlanAsync())!;
            plan.Night.ShouldBe(new DateOnly(2026, 1, 5));
            plan.Sends.Count.ShouldBe(1200);
            plan.Postponed.Count.ShouldBe(300);
            (await scheduler.PlanAsync()).ShouldBeNull("a night is planned once");
            planned = plan.Sends.ToDictionary(s => s.UserId, s => s.SendAt);

            clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 2, 30, 0, TimeSpan.Zero));
            (await scheduler.SendDueAsync()).ShouldBeGreaterThan(0);
            sent.Count.ShouldBeLessThan(1200);
        }

        var beforeRestart = sent.Count;
        await using (var store = Open())
        {
            var scheduler = Scheduler(store, sent);
            (await scheduler.PlanAsync()).ShouldBeNull("the restarted server finds the night planned");
            (await scheduler.SendDueAsync()).ShouldBe(0, "what was due was sent before the restart");
            clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 5, 0, 0, TimeSpan.Zero));
            (await scheduler.SendDueAsync()).ShouldBe(1200 - beforeRestart);
            sent.Select(s => s.User).Distinct().Count().ShouldBe(1200, "nobody twice");
            sent.ShouldAllBe(s => s.At >= planned[s.User], "nobody before their minute");

            clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
            var next = (await scheduler.PlanAsync())!;
            next.Night.ShouldBe(new DateOnly(2026, 1, 6));
            var postponed = users.Except(sent.Select(s => s.User)).ToHashSet();
            postponed.Count.ShouldBe(300);
            next.Sends.Take(300).Select(s => s.UserId).ShouldBe(postponed, ignoreOrder: true);
            next.Sends.Where(s => postponed.Contains(s.UserId)).ShouldAllBe(s => s.Due == new DateOnly(2026, 1, 5));

            await using var read = await store.BeginReadAsync();
            var counts = await read.Notifications.CountAsync(new DateOnly(2026, 1, 5));
            counts.Where(c => c.State == NotificationState.Sent).Sum(c => c.Count).ShouldBe(1200);
            counts.Where(c => c.State == NotificationState.Postponed).Sum(c => c.Count).ShouldBe(300);
        }
    }

    [Fact]
    public async Task A_failed_delivery_is_recorded_with_its_reason_and_not_retried()
    {
        await using var store = Open();
        await store.InitializeAsync();
        await using (var uow = await store.BeginAsync())
        {
            var user = (await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("pw", 1000)))!;
            await uow.Devices.RegisterAccessAsync(user.Id, "phone");
            await uow.CommitAsync();
        }

        var calls = 0;
        var scheduler = new NotificationScheduler(store, options, new Sender(_ => { calls++; return "gateway said 503"; }), clock, NullLogger<NotificationScheduler>.Instance);
        await scheduler.PlanAsync();
        clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 5, 0, 0, TimeSpan.Zero));
        (await scheduler.SendDueAsync()).ShouldBe(1);
        (await scheduler.SendDueAsync()).ShouldBe(0);
        calls.ShouldBe(1);
        await using var read = await store.BeginReadAsync();
        (await read.Notifications.ListAsync(new DateOnly(2026, 1, 5), NotificationState.Failed, 0, 10)).Single().Error.ShouldBe("gateway said 503");
    }

    private SqliteCofferStore Open() => new(new StorageOptions { DataDir = dataDir, FlushEveryCommit = false }, clock);

    private NotificationScheduler Scheduler(ICofferStore store, List<(long, DateTimeOffset)> sent) =>
        new(store, options, new Sender(user => { sent.Add((user, clock.GetUtcNow())); return null; }), clock, NullLogger<NotificationScheduler>.Instance);

    /// <summary>Records what the scheduler hands to delivery; the channels have tests of their own.</summary>
    private sealed class Sender(Func<long, string?> send) : INotificationSender
    {
        public Task<string?> SendAsync(long userId, CancellationToken cancellationToken) => Task.FromResult(send(userId));
    }
}
