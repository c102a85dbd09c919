using Coffer.Server.Notifications;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Notifications;

/// <summary>
/// The notification service as the real host runs it, in simulated time, delivering through the real SMS gateway
/// channel to a gateway on 127.0.0.1: a night is planned, sent at its minutes, what does not fit is postponed, a
/// delivery that cannot happen is recorded, and a restart in the middle of the night sends nobody twice.
/// </summary>
public sealed class NotificationServiceTests : IAsyncDisposable
{
    private static readonly DateOnly Night = new(2026, 1, 5);
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(30);

    // Half an hour before the window opens (01:00 UTC): the first tick plans the night of 5 January.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 0, 30, 0, TimeSpan.Zero));
    private readonly string dataDir = RunningServer.NewDataDir();
    private readonly SmsGatewayStandIn gateway;

    public NotificationServiceTests() => gateway = new SmsGatewayStandIn(clock);

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var root = Path.GetDirectoryName(dataDir)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task At_night_the_service_sends_the_plan_through_the_gateway_postpones_the_rest_and_records_a_failure()
    {
        // A window of 2 minutes at 2 a minute: 4 of the 6 go tonight. The user without a listening device prefers
        // the window's first minute, so the plan takes it first and its delivery fails.
        (long User, string Device) mute;
        var users = new List<(long User, string Device)>();
        await using (var store = await OpenStoreAsync())
        {
            mute = await AddSubscriberAsync(store, "mute", nightHour: 1, listens: false);
            for (var i = 0; i < 5; i++)
            {
                users.Add(await AddSubscriberAsync(store, $"user{i}", nightHour: 2));
            }
        }

        var server = await StartAsync("--Coffer:Notifications:Plan:WindowMinutes=2", "--Coffer:Notifications:Plan:CapacityPerMinute=2");
        await using (server)
        {
            var service = server.App.Services.GetRequiredService<NotificationService>();
            await StartedAsync(service);
            var plan = await EntriesAsync(server);
            plan.Count(e => e.State == NotificationState.Planned).ShouldBe(4);
            plan.Count(e => e.State == NotificationState.Postponed).ShouldBe(2);
            plan.ShouldContain(e => e.UserId == mute.User && e.State == NotificationState.Planned);
            gateway.Requests.ShouldBe(0, "nothing before the window opens");

            await TickAsync(service);
            await TickAsync(service);

            var after = (await EntriesAsync(server)).ToDictionary(e => e.UserId);
            after[mute.User].State.ShouldBe(NotificationState.Failed);
            after[mute.User].Error.ShouldBe("no device of the user both listens (has a notification secret) and syncs anything");
            foreach (var (user, device) in users)
            {
                var planned = plan.Single(e => e.UserId == user);
                var packages = gateway.For(device);
                if (planned.State == NotificationState.Postponed)
                {
                    after[user].State.ShouldBe(NotificationState.Postponed);
                    packages.ShouldBeEmpty();
                    continue;
                }

                after[user].State.ShouldBe(NotificationState.Sent);
                var (at, package) = packages.ShouldHaveSingleItem();
                at.ShouldBeGreaterThanOrEqualTo(planned.SendAt!.Value, "nobody before their minute");
                package.Initiator.ShouldBe(SanInitiator.Server);
                package.Syncs.ShouldHaveSingleItem().SyncType.ShouldBe(SanCodec.TwoWayByServer);
            }

            gateway.Requests.ShouldBe(3);
        }
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_night_sends_the_entries_a_kill_left_taken_once_their_lease_ends()
    {
        // 600 subscribers at 2 a minute over the 240-minute window: 480 go tonight, 120 are postponed.
        string[] options = ["--Coffer:Notifications:Plan:CapacityPerMinute=2", "--Coffer:Notifications:Plan:MinimumSlotSends=1"];
        var devices = new Dictionary<long, string>();
        List<NotificationEntry> plan;
        await using (var store = await OpenStoreAsync())
        {
            for (var i = 0; i < 600; i++)
            {
                var (user, device) = await AddSubscriberAsync(store, $"user{i}", nightHour: 1 + (i % 4), carrier: i % 3 == 0 ? "au" : "docomo");
                devices[user] = device;
            }
        }

        // Stopped, not disposed: disposing would remove the data directory the second server starts on.
        var first = await StartAsync(options);
        try
        {
            var service = first.App.Services.GetRequiredService<NotificationService>();
            await StartedAsync(service);
            plan = await EntriesAsync(first);
            plan.Count(e => e.State == NotificationState.Planned).ShouldBe(480);

            // 01:00 to 02:00; then the 10th request of the 02:30 tick stalls at the gateway, and the server stops.
            for (var i = 0; i < 3; i++)
            {
                await TickAsync(service);
            }

            gateway.Requests.ShouldBeGreaterThan(0);
            gateway.HoldRequest(gateway.Requests + 10);
            clock.Advance(Tick);
            await gateway.Held.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await first.StopAsync();
        }

        // The stop left the stalled entry taken (it may have gone out) and handed the untried ones back.
        var taken = await EntriesAsync(NotificationState.Sending);
        var stalled = taken.ShouldHaveSingleItem().UserId;
        gateway.For(devices[stalled]).Count.ShouldBe(1);

        // A server killed after marking entries and before handing them on leaves them taken: take three as it would.
        IReadOnlyList<NotificationEntry> killed;
        await using (var store = await OpenStoreAsync())
        {
            await using var uow = await store.BeginAsync();
            killed = await uow.Notifications.TakeDueAsync(clock.GetUtcNow(), 3);
            await uow.CommitAsync();
        }

        killed.Count.ShouldBe(3);
        var second = await StartAsync(options);
        await using (second)
        {
            var service = second.App.Services.GetRequiredService<NotificationService>();
            await StartedAsync(service);
            while (clock.GetUtcNow() < new DateTimeOffset(2026, 1, 5, 5, 0, 0, TimeSpan.Zero))
            {
                await TickAsync(service);
            }

            var after = (await EntriesAsync(second)).ToDictionary(e => e.UserId);
            foreach (var entry in plan)
            {
                var packages = gateway.For(devices[entry.UserId]);
                if (entry.State == NotificationState.Postponed)
                {
                    after[entry.UserId].State.ShouldBe(NotificationState.Postponed);
                    packages.ShouldBeEmpty();
                    continue;
                }

                // At least once: an entry taken by a server that died is taken again when its lease ends; only the one
                // a channel had when the first server stopped (it reached the gateway) goes out a second time.
                after[entry.UserId].State.ShouldBe(NotificationState.Sent, $"user {entry.UserId} planned at {entry.SendAt}");
                packages.Count.ShouldBe(entry.UserId == stalled ? 2 : 1, $"user {entry.UserId}");
                packages[0].At.ShouldBeGreaterThanOrEqualTo(entry.SendAt!.Value, "nobody before their minute");
            }

            gateway.Devices.Count.ShouldBe(480, "every planned device, the three a kill took included, once their lease ended");
        }
    }

    private Task<RunningServer> StartAsync(params string[] extraArgs) =>
        RunningServer.StartAtAsync(dataDir, clock, [.. extraArgs, $"--Coffer:Notifications:Sms:Url={gateway.Url}", $"--Coffer:Notifications:Tick={Tick}"]);

    /// <summary>
    /// A daily subscriber with one phone that synced contacts; when it <paramref name="listens"/>, the phone has
    /// asked for its notification secret (what <c>coffer-agent listen</c> does first).
    /// </summary>
    private static async Task<(long User, string Device)> AddSubscriberAsync(ICofferStore store, string name, int nightHour, string? carrier = null, bool listens = true)
    {
        var deviceId = "IMEI:" + name;
        long user;
        long device;
        await using (var uow = await store.BeginAsync())
        {
            user = (await uow.Users.TryCreateAsync(name, "not a password hash")).ShouldNotBeNull().Id;
            device = (await uow.Devices.RegisterAccessAsync(user, deviceId)).Id;
            var contacts = await uow.Datastores.EnsureAsync(user, DatastoreKind.Contacts);
            await uow.SyncStates.SaveAsync(new SyncState(device, contacts.Id, "1", null, "1", null, 0, 0, null, default));
            (await uow.Settings.SetAsync(user, new UserSettings(SyncInterval.Daily, nightHour, "UTC", carrier))).ShouldBeTrue();
            await uow.CommitAsync();
        }

        if (listens)
        {
            (await new DeviceAlerts(store, "coffer").IssueSecretAsync(user, device)).ShouldNotBeNull();
        }

        return (user, deviceId);
    }

    private static async Task<List<NotificationEntry>> EntriesAsync(RunningServer server)
    {
        await using var read = await server.Store.BeginReadAsync();
        return [.. await read.Notifications.ListAsync(Night, null, 0, 10_000)];
    }

    private async Task<List<NotificationEntry>> EntriesAsync(NotificationState state)
    {
        await using var store = await OpenStoreAsync();
        await using var read = await store.BeginReadAsync();
        return [.. await read.Notifications.ListAsync(Night, state, 0, 10_000)];
    }

    /// <summary>The store of the data directory while no server runs on it (the subscribers before the start).</summary>
    private async Task<SqliteCofferStore> OpenStoreAsync()
    {
        var store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir }, clock);
        await store.InitializeAsync();
        return store;
    }

    /// <summary>The run the service makes as it starts: it plans the night (and sends nothing before the window).</summary>
    private static Task StartedAsync(NotificationService service) => WaitForAsync(() => service.Runs >= 1);

    /// <summary>One tick: the simulated clock moves by the tick and the run it starts completes.</summary>
    private async Task TickAsync(NotificationService service)
    {
        var runs = service.Runs;
        clock.Advance(Tick);
        await WaitForAsync(() => service.Runs > runs);
    }

    // Waits for the service's work on the thread pool (real time passes there; what is asserted is the outcome, not the wait).
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue();
    }
}
