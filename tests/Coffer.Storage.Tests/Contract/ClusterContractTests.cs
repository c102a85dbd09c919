using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>Leases for singleton jobs and the shared web key ring, alike in every backend.</summary>
public sealed class ClusterContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_lease_has_one_holder_until_it_expires_or_is_released(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var minute = TimeSpan.FromMinutes(1);
        (await AcquireAsync("notifications", "node-a", Start + minute)).ShouldBeTrue();
        (await AcquireAsync("notifications", "node-b", Start + minute)).ShouldBeFalse();
        (await AcquireAsync("retention", "node-b", Start + minute)).ShouldBeTrue("another lease is another job");

        // The holder renews; the other node still waits.
        Clock.Advance(TimeSpan.FromSeconds(50));
        (await AcquireAsync("notifications", "node-a", Clock.GetUtcNow() + minute)).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromSeconds(50));
        (await AcquireAsync("notifications", "node-b", Clock.GetUtcNow() + minute)).ShouldBeFalse();

        // node-a dies: once its lease expired, node-b takes it over, and node-a cannot take it back.
        Clock.Advance(minute);
        (await AcquireAsync("notifications", "node-b", Clock.GetUtcNow() + minute)).ShouldBeTrue();
        (await AcquireAsync("notifications", "node-a", Clock.GetUtcNow() + minute)).ShouldBeFalse();
        await using (var read = await Store.BeginReadAsync())
        {
            var lease = (await read.Leases.GetAsync("notifications"))!;
            lease.Holder.ShouldBe("node-b");
            lease.Expires.ShouldBe(Clock.GetUtcNow() + minute);
        }

        // Only the holder releases it; then anyone may take it at once.
        await using (var uow = await Store.BeginAsync())
        {
            await uow.Leases.ReleaseAsync("notifications", "node-a");
            await uow.CommitAsync();
        }

        (await AcquireAsync("notifications", "node-a", Clock.GetUtcNow() + minute)).ShouldBeFalse();
        await using (var uow = await Store.BeginAsync())
        {
            await uow.Leases.ReleaseAsync("notifications", "node-b");
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.Leases.GetAsync("notifications")).ShouldBeNull();
        }

        (await AcquireAsync("notifications", "node-a", Clock.GetUtcNow() + minute)).ShouldBeTrue();
    }

    [Theory]
    [StoreData]
    public async Task Of_nodes_racing_for_a_free_lease_exactly_one_gets_it(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var held = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => AcquireAsync("notifications", "node-" + n, Start.AddMinutes(1)))));
        held.Count(h => h).ShouldBe(1);
    }

    [Theory]
    [StoreData]
    public async Task Expired_leases_are_forgotten_after_a_week(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        (await AcquireAsync("daily-backup/2025-03-30", "node-a", Start.AddHours(20))).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromDays(8));
        (await AcquireAsync("daily-backup/2025-04-07", "node-a", Clock.GetUtcNow().AddHours(20))).ShouldBeTrue();
        await using var read = await Store.BeginReadAsync();
        (await read.Leases.GetAsync("daily-backup/2025-03-30")).ShouldBeNull();
        (await read.Leases.GetAsync("daily-backup/2025-04-07")).ShouldNotBeNull();
    }

    [Theory]
    [StoreData]
    public async Task Web_key_documents_are_listed_in_the_order_added(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.WebKeys.ListAsync()).ShouldBeEmpty();
            await uow.WebKeys.AddAsync("key-2", "<key id=\"2\" />");
            await uow.WebKeys.AddAsync("key-1", "<key id=\"1\" />");
            await uow.WebKeys.AddAsync("key-1", "<revocation />");
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.WebKeys.ListAsync()).ShouldBe(
        [
            new WebKeyDocument("key-2", "<key id=\"2\" />"),
            new WebKeyDocument("key-1", "<key id=\"1\" />"),
            new WebKeyDocument("key-1", "<revocation />"),
        ]);
    }

    private async Task<bool> AcquireAsync(string name, string holder, DateTimeOffset until)
    {
        await using var uow = await Store.BeginAsync();
        var held = await uow.Leases.TryAcquireAsync(name, holder, until);
        await uow.CommitAsync();
        return held;
    }
}
