using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>Nightly notification plans and next due nights, alike in every backend.</summary>
public sealed class NotificationPlanContractTests : ContractTestBase
{
    private static readonly DateOnly Night = new(2025, 3, 30);

    [Theory]
    [StoreData]
    public async Task Subscribers_are_enabled_users_with_a_device_with_their_settings_or_the_defaults(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        await NewUserAsync("carol"); // no device: nothing to alert
        var (dave, _) = await NewUserAsync("dave");
        await using (var uow = await Store.BeginAsync())
        {
            foreach (var user in new[] { alice, bob, dave })
            {
                await uow.Devices.RegisterAccessAsync(user, "IMEI:" + user);
            }

            (await uow.Settings.SetAsync(bob, new UserSettings(SyncInterval.Weekly, 2, "Europe/Berlin", "Telekom"))).ShouldBeTrue();
            (await uow.Users.SetDisabledAsync(dave, true)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.Notifications.ListSubscribersAsync()).ShouldBe(
        [
            new NotificationSubscriber(alice, UserSettings.Default, null),
            new NotificationSubscriber(bob, new UserSettings(SyncInterval.Weekly, 2, "Europe/Berlin", "Telekom"), null),
        ]);
    }

    [Theory]
    [StoreData]
    public async Task A_night_is_planned_once_and_its_entries_set_the_next_due_nights(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        var at = new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero);
        var entries = new[]
        {
            new NotificationEntry(Night, alice, at, Night, Night.AddDays(1), "docomo", NotificationState.Planned),
            new NotificationEntry(Night, bob, null, Night.AddDays(-1), Night.AddDays(-1), "", NotificationState.Postponed),
        };
        await using (var uow = await Store.BeginAsync())
        {
            await uow.Devices.RegisterAccessAsync(alice, "a");
            await uow.Devices.RegisterAccessAsync(bob, "b");
            (await uow.Notifications.HasPlanAsync(Night)).ShouldBeFalse();
            (await uow.Notifications.SavePlanAsync(Night, entries)).ShouldBeTrue();
            (await uow.Notifications.SavePlanAsync(Night, [entries[0] with { SendAt = at.AddHours(1) }])).ShouldBeFalse();
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.Notifications.HasPlanAsync(Night)).ShouldBeTrue();
        (await read.Notifications.HasPlanAsync(Night.AddDays(1))).ShouldBeFalse();
        (await read.Notifications.ListAsync(Night, null, 0, 10)).ShouldBe(entries);
        (await read.Notifications.ListAsync(Night, NotificationState.Postponed, 0, 10)).ShouldBe([entries[1]]);
        (await read.Notifications.ListAsync(Night, null, 1, 10)).ShouldBe([entries[1]]);
        (await read.Notifications.ListSubscribersAsync()).Select(s => s.NextDue).ShouldBe([Night.AddDays(1), Night.AddDays(-1)]);
        (await read.Notifications.CountAsync(Night)).ShouldBe(
            [new NotificationCount("", NotificationState.Postponed, 1), new NotificationCount("docomo", NotificationState.Planned, 1)]);
    }

    [Theory]
    [StoreData]
    public async Task Due_entries_are_taken_once_in_order_and_finish_once(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var users = new List<long>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            users.Add((await NewUserAsync(name)).User);
        }

        var first = new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero);
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.Notifications.SavePlanAsync(Night, [
                new NotificationEntry(Night, users[2], first, Night, Night.AddDays(1), "x", NotificationState.Planned),
                new NotificationEntry(Night, users[0], first.AddMinutes(1), Night, Night.AddDays(1), "x", NotificationState.Planned),
                new NotificationEntry(Night, users[1], first.AddMinutes(2), Night, Night.AddDays(1), "y", NotificationState.Planned),
            ])).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.Notifications.TakeDueAsync(first.AddSeconds(-1), 10)).ShouldBeEmpty();
            var taken = await uow.Notifications.TakeDueAsync(first.AddMinutes(1), 10);
            taken.Select(e => (e.UserId, e.State)).ShouldBe([(users[2], NotificationState.Sending), (users[0], NotificationState.Sending)]);
            (await uow.Notifications.TakeDueAsync(first.AddMinutes(1), 10)).ShouldBeEmpty();
            (await uow.Notifications.TakeDueAsync(first.AddMinutes(5), 10)).Select(e => e.UserId).ShouldBe([users[1]]);
            (await uow.Notifications.FinishAsync(Night, users[2], NotificationState.Sent, null)).ShouldBeTrue();
            (await uow.Notifications.FinishAsync(Night, users[2], NotificationState.Failed, "again")).ShouldBeFalse();
            (await uow.Notifications.FinishAsync(Night, users[0], NotificationState.Failed, "gateway said 503")).ShouldBeTrue();

            // Handed back untried (a server stopping): planned again, and taken again.
            (await uow.Notifications.FinishAsync(Night, users[1], NotificationState.Planned, null)).ShouldBeTrue();
            (await uow.Notifications.TakeDueAsync(first.AddMinutes(5), 10)).Select(e => e.UserId).ShouldBe([users[1]]);
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.Notifications.ListAsync(Night, NotificationState.Failed, 0, 10)).Single().Error.ShouldBe("gateway said 503");
        (await read.Notifications.CountAsync(Night)).ShouldBe([
            new NotificationCount("x", NotificationState.Sent, 1),
            new NotificationCount("x", NotificationState.Failed, 1),
            new NotificationCount("y", NotificationState.Sending, 1),
        ]);
    }

    [Theory]
    [StoreData]
    public async Task A_taken_entry_whose_server_died_is_taken_again_once_its_lease_ends(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        var due = Start.AddMinutes(-1);
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.Notifications.SavePlanAsync(Night, [
                new NotificationEntry(Night, alice, due, Night, Night.AddDays(1), "x", NotificationState.Planned),
                new NotificationEntry(Night, bob, due, Night, Night.AddDays(1), "x", NotificationState.Planned),
            ])).ShouldBeTrue();
            await uow.CommitAsync();
        }

        // A server takes both and dies (kill -9) before it records anything: the commit of the take is all there is.
        (await TakeAsync()).Select(e => e.UserId).ShouldBe([alice, bob]);
        Clock.Advance(TimeSpan.FromMinutes(5));
        (await TakeAsync()).ShouldBeEmpty("within the lease the entries are the first server's");

        // The lease ends: another server takes them again, finishes one; the finished one is never taken again.
        Clock.Advance(TimeSpan.FromMinutes(5));
        (await TakeAsync()).Select(e => (e.UserId, e.State)).ShouldBe([(alice, NotificationState.Sending), (bob, NotificationState.Sending)]);
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.Notifications.FinishAsync(Night, alice, NotificationState.Sent, null)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        Clock.Advance(TimeSpan.FromMinutes(10));
        (await TakeAsync()).Select(e => e.UserId).ShouldBe([bob]);
    }

    private async Task<IReadOnlyList<NotificationEntry>> TakeAsync()
    {
        await using var uow = await Store.BeginAsync();
        var taken = await uow.Notifications.TakeDueAsync(Clock.GetUtcNow(), 10, TimeSpan.FromMinutes(10));
        await uow.CommitAsync();
        return taken;
    }

    [Theory]
    [StoreData]
    public async Task A_device_secret_reads_back_for_its_device_only(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        long phone, laptop;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "phone")).Id;
            laptop = (await uow.Devices.RegisterAccessAsync(alice, "laptop")).Id;
            (await uow.Notifications.SetDeviceSecretAsync(phone, secret)).ShouldBeTrue();
            (await uow.Notifications.SetDeviceSecretAsync(laptop + 1000, secret)).ShouldBeFalse();
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.Notifications.GetDeviceSecretAsync(phone)).ShouldBe(secret);
        (await read.Notifications.GetDeviceSecretAsync(laptop)).ShouldBeNull();
        (await read.Notifications.GetDeviceSecretAsync(laptop + 1000)).ShouldBeNull();
    }
}
