using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>The HTTP push channel's waiting packages, one per device and kind, alike in every backend.</summary>
public sealed class PushPackageContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_ds_and_a_dm_package_wait_side_by_side_and_go_oldest_first(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        long phone;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "phone")).Id;
            await uow.PushPackages.PutAsync(phone, PushPackageKind.Dm, [1]);
            Clock.Advance(TimeSpan.FromSeconds(1));
            await uow.PushPackages.PutAsync(phone, [2]);
            Clock.Advance(TimeSpan.FromSeconds(1));
            await uow.PushPackages.PutAsync(phone, PushPackageKind.Dm, [3]);
            await uow.CommitAsync();
        }

        await using var take = await Store.BeginAsync();
        var first = (await take.PushPackages.TakeAsync(phone))!;
        first.Kind.ShouldBe(PushPackageKind.Ds);
        first.Package.ShouldBe(new byte[] { 2 }, "the DM package was replaced by a newer one");
        var second = (await take.PushPackages.TakeAsync(phone))!;
        second.Kind.ShouldBe(PushPackageKind.Dm);
        second.Package.ShouldBe(new byte[] { 3 });
        (await take.PushPackages.TakeAsync(phone)).ShouldBeNull();
    }

    [Theory]
    [StoreData]
    public async Task A_device_has_at_most_one_waiting_package_and_taking_it_removes_it(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        long phone, laptop;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "phone")).Id;
            laptop = (await uow.Devices.RegisterAccessAsync(alice, "laptop")).Id;
            await uow.PushPackages.PutAsync(phone, [1, 2, 3]);
            await uow.PushPackages.PutAsync(phone, [4, 5]);
            await uow.PushPackages.PutAsync(laptop, [6]);
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.PushPackages.IsWaitingAsync(phone)).ShouldBeTrue();
            (await read.PushPackages.IsWaitingAsync(laptop)).ShouldBeTrue();
        }

        await using (var uow = await Store.BeginAsync())
        {
            var taken = (await uow.PushPackages.TakeAsync(phone))!;
            taken.Kind.ShouldBe(PushPackageKind.Ds);
            taken.Package.ShouldBe(new byte[] { 4, 5 }, "the newer package replaced the older");
            (await uow.PushPackages.TakeAsync(phone)).ShouldBeNull("taken once");
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.PushPackages.IsWaitingAsync(phone)).ShouldBeFalse();
            (await read.PushPackages.IsWaitingAsync(laptop)).ShouldBeTrue("another device's package stays");
        }
    }

    [Theory]
    [StoreData]
    public async Task A_take_that_is_not_committed_leaves_the_package_and_a_removed_device_takes_its_package_along(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        long phone;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "phone")).Id;
            await uow.PushPackages.PutAsync(phone, [7]);
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.PushPackages.TakeAsync(phone))!.Package.ShouldBe(new byte[] { 7 });
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.PushPackages.IsWaitingAsync(phone)).ShouldBeTrue("the poll that took it never answered");
            (await uow.Devices.DeleteAsync(phone)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.PushPackages.IsWaitingAsync(phone)).ShouldBeFalse();
        }
    }
}
