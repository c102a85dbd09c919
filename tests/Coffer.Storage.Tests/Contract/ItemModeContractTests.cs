using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>Backup modes of items (app data files) and what retention keeps for them, alike on every backend.</summary>
public sealed class ItemModeContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_mode_is_recorded_per_item_replaced_and_cleared_by_incremental(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, store) = await NewUserAsync("alice");
        var (_, other) = await NewUserAsync("bob");
        var item = (await AddAsync(store, Vcard("A")))[0];
        await using var uow = await Store.BeginAsync();

        (await uow.ItemModes.GetAsync(store, item.Id)).ShouldBeNull();
        (await uow.ItemModes.SetAsync(store, item.Id, new ItemModeState(ItemBackupMode.Differential, 1))).ShouldBeTrue();
        (await uow.ItemModes.GetAsync(store, item.Id.ToUpperInvariant())).ShouldBe(new ItemModeState(ItemBackupMode.Differential, 1));
        (await uow.ItemModes.SetAsync(store, item.Id, new ItemModeState(ItemBackupMode.History, null))).ShouldBeTrue();
        (await uow.ItemModes.GetAsync(store, item.Id)).ShouldBe(new ItemModeState(ItemBackupMode.History, null));

        // Another user's datastore does not reach the item; an unknown id is not an item.
        (await uow.ItemModes.GetAsync(other, item.Id)).ShouldBeNull();
        (await uow.ItemModes.SetAsync(other, item.Id, new ItemModeState(ItemBackupMode.Differential, 1))).ShouldBeFalse();
        (await uow.ItemModes.SetAsync(store, Guid.NewGuid().ToString(), new ItemModeState(ItemBackupMode.History, null))).ShouldBeFalse();

        (await uow.ItemModes.SetAsync(store, item.Id, new ItemModeState(ItemBackupMode.Incremental, null))).ShouldBeTrue();
        (await uow.ItemModes.GetAsync(store, item.Id)).ShouldBeNull();
        await uow.CommitAsync();
    }

    [Theory]
    [StoreData]
    public async Task Pruning_keeps_every_version_of_a_history_item_and_the_base_of_a_differential_one(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, store) = await NewUserAsync("alice");
        var items = await AddAsync(store, Vcard("H"), Vcard("D"), Vcard("I"));
        var (history, differential, incremental) = (items[0].Id, items[1].Id, items[2].Id);
        await using (var uow = await Store.BeginAsync())
        {
            await uow.ItemModes.SetAsync(store, history, new ItemModeState(ItemBackupMode.History, null));
            for (var i = 2; i <= 4; i++)
            {
                Clock.Advance(TimeSpan.FromDays(1));
                await uow.Items.ReplaceAsync(store, [Edit(history, "H" + i), Edit(differential, "D" + i), Edit(incremental, "I" + i)]);
                if (i == 2)
                {
                    // A full at version 2; the later versions are full + a differential applied.
                    await uow.ItemModes.SetAsync(store, differential, new ItemModeState(ItemBackupMode.Differential, 2));
                }
            }

            await uow.CommitAsync();
        }

        var cutoff = Clock.GetUtcNow() + TimeSpan.FromHours(1);
        Clock.Advance(TimeSpan.FromDays(100));
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.History.PruneAsync(cutoff, 100)).ShouldBe(5);
            (await uow.Items.GetVersionsAsync(store, history)).Select(v => v.Version).ShouldBe([1L, 2L, 3L, 4L]);
            (await uow.Items.GetVersionsAsync(store, differential)).Select(v => v.Version).ShouldBe([2L, 4L]);
            Text((await uow.Items.GetVersionAsync(store, differential, 2))!.Content).ShouldBe("D2");
            (await uow.Items.GetVersionsAsync(store, incremental)).Select(v => v.Version).ShouldBe([4L]);

            // Back to incremental, the items' old versions are retention's again.
            await uow.ItemModes.SetAsync(store, history, new ItemModeState(ItemBackupMode.Incremental, null));
            await uow.ItemModes.SetAsync(store, differential, new ItemModeState(ItemBackupMode.Incremental, null));
            (await uow.History.PruneAsync(cutoff, 100)).ShouldBe(4);
            (await uow.Items.GetVersionsAsync(store, history)).Select(v => v.Version).ShouldBe([4L]);
            (await uow.Items.GetVersionsAsync(store, differential)).Select(v => v.Version).ShouldBe([4L]);
            await uow.CommitAsync();
        }
    }

    [Theory]
    [StoreData]
    public async Task Deleting_the_user_takes_the_modes_with_the_items(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, store) = await NewUserAsync("alice");
        var item = (await AddAsync(store, Vcard("A")))[0];
        await using var uow = await Store.BeginAsync();
        await uow.ItemModes.SetAsync(store, item.Id, new ItemModeState(ItemBackupMode.History, null));
        (await uow.Users.DeleteAsync(user)).ShouldBeTrue();
        (await uow.ItemModes.GetAsync(store, item.Id)).ShouldBeNull();
        await uow.CommitAsync();
    }
}
