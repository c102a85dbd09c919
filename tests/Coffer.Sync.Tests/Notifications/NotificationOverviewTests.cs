using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sync.Tests.Notifications;

/// <summary>What administrators see of a night: counts by state, the carriers' spread, the failures.</summary>
public sealed class NotificationOverviewTests : IAsyncLifetime
{
    private static readonly DateOnly Night = new(2026, 1, 5);

    private readonly string dataDir = Directory.CreateTempSubdirectory("coffer-overview-").FullName;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 4, 12, 0, 0, TimeSpan.Zero));
    private SqliteCofferStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, FlushEveryCommit = false }, clock);
        await store.InitializeAsync();
        await using var uow = await store.BeginAsync();
        var hash = PasswordHasher.Hash("pw", 1000);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await uow.Users.TryCreateAsync($"u{i}", hash))!.Id);
        }

        var at = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
        (await uow.Notifications.SavePlanAsync(Night, [
            new NotificationEntry(Night, ids[0], at, Night, Night.AddDays(1), "docomo", NotificationState.Planned),
            new NotificationEntry(Night, ids[1], at, Night, Night.AddDays(1), "docomo", NotificationState.Planned),
            new NotificationEntry(Night, ids[2], at.AddMinutes(1), Night, Night.AddDays(1), "au", NotificationState.Planned),
            new NotificationEntry(Night, ids[3], null, Night, Night, "au", NotificationState.Postponed),
            new NotificationEntry(Night, ids[4], at.AddHours(3), Night, Night.AddDays(1), "", NotificationState.Planned),
        ])).ShouldBeTrue();
        var taken = await uow.Notifications.TakeDueAsync(at.AddMinutes(1), 10);
        (await uow.Notifications.FinishAsync(Night, taken[0].UserId, NotificationState.Sent, null)).ShouldBeTrue();
        (await uow.Notifications.FinishAsync(Night, taken[1].UserId, NotificationState.Sent, null)).ShouldBeTrue();
        (await uow.Notifications.FinishAsync(Night, taken[2].UserId, NotificationState.Failed, "no channel reaches the device")).ShouldBeTrue();
        await uow.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Tonight_shows_counts_carriers_and_failures()
    {
        var overview = new NotificationOverview(store, clock);
        overview.Tonight.ShouldBe(Night);
        var o = await overview.GetAsync();
        o.Planned.ShouldBeTrue();
        (o.Total, o.Waiting, o.Sending, o.Sent, o.Failed, o.Postponed).ShouldBe((5, 1, 0, 2, 1, 1));
        o.Carriers.ShouldBe([
            new CarrierSpread("au", 0, 0, 1, 1, 0.4),
            new CarrierSpread("docomo", 0, 2, 0, 0, 0.4),
            new CarrierSpread("", 1, 0, 0, 0, 0.2),
        ]);
        o.Failures.Single().Error.ShouldBe("no channel reaches the device");

        var unplanned = await overview.GetAsync(Night.AddDays(1));
        unplanned.Planned.ShouldBeFalse();
        unplanned.Total.ShouldBe(0);
        unplanned.Carriers.ShouldBeEmpty();
    }
}
