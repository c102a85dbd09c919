using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>History queries every backend must answer alike: state at a time, deleted items, retention.</summary>
public sealed class HistoryContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task State_at_a_time_is_each_items_newest_version_then_and_leaves_out_later_items(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        var first = await AddAsync(contacts, Vcard("A"), Vcard("B"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var then = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(1));
        await using var uow = await Store.BeginAsync();
        await uow.Items.ReplaceAsync(contacts, [Edit(first[0].Id, "A2")]);
        await uow.Items.DeleteAsync(contacts, [new ItemDeletion(first[1].Id, "web")]);
        await uow.Items.AddAsync(contacts, [Vcard("C")]);

        var state = await uow.History.GetStateAtAsync(contacts, then);
        state.Select(v => (v.ItemId, v.Version, v.Deleted)).OrderBy(v => v.ItemId, StringComparer.Ordinal)
            .ShouldBe(new[] { (ItemId: first[0].Id, Version: 1L, Deleted: false), (ItemId: first[1].Id, Version: 1L, Deleted: false) }.OrderBy(v => v.ItemId, StringComparer.Ordinal));
        var now = await uow.History.GetStateAtAsync(contacts, Clock.GetUtcNow());
        now.Count.ShouldBe(3);
        now.Single(v => v.ItemId == first[1].Id).Deleted.ShouldBeTrue();
    }

    [Theory]
    [StoreData]
    public async Task Deleted_items_come_with_their_last_content_newest_delete_first(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        var items = await AddAsync(contacts, Vcard("A"), Vcard("B"), Vcard("C"));
        await using var uow = await Store.BeginAsync();
        await uow.Items.ReplaceAsync(contacts, [Edit(items[0].Id, "A2")]);
        await uow.Items.DeleteAsync(contacts, [new ItemDeletion(items[0].Id, "device:7")]);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await uow.Items.DeleteAsync(contacts, [new ItemDeletion(items[1].Id, "web")]);

        var deleted = await uow.History.ListDeletedAsync(contacts, 10);
        deleted.Select(d => (d.ItemId, d.DeletedBy)).ShouldBe([(items[1].Id, "web"), (items[0].Id, "device:7")]);
        Text(deleted[1].LastVersion.Content).ShouldBe("A2");
        deleted[1].LastVersion.Version.ShouldBe(2);
        (await uow.History.ListDeletedAsync(contacts, 1)).Count.ShouldBe(1);
    }

    [Theory]
    [StoreData]
    public async Task Pruning_keeps_the_newest_version_the_one_current_at_the_cutoff_and_saved_ones(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        var items = await AddAsync(contacts, Vcard("A"), Vcard("B"), Vcard("C"));
        var (a, b, c) = (items[0].Id, items[1].Id, items[2].Id);
        await using (var uow = await Store.BeginAsync())
        {
            Clock.Advance(TimeSpan.FromDays(1));
            await uow.Items.ReplaceAsync(contacts, [Edit(a, "A2"), Edit(b, "B2"), Edit(c, "C2")]);

            // The storage area refers to A, B and C at version 2: those survive the later edits.
            await uow.StorageArea.SaveAsync(contacts, "web", 5);
            Clock.Advance(TimeSpan.FromDays(1));
            await uow.Items.ReplaceAsync(contacts, [Edit(a, "A3"), Edit(c, "C3")]);
            await uow.CommitAsync();
        }

        var cutoff = Clock.GetUtcNow() + TimeSpan.FromHours(1);
        Clock.Advance(TimeSpan.FromDays(10));
        await using (var uow = await Store.BeginAsync())
        {
            // Only versions replaced before the cutoff and not saved go: A1, B1, C1.
            (await uow.History.PruneAsync(cutoff, 2)).ShouldBe(2);
            (await uow.History.PruneAsync(cutoff, 100)).ShouldBe(1);
            (await uow.History.PruneAsync(cutoff, 100)).ShouldBe(0);
            (await uow.Items.GetVersionsAsync(contacts, a)).Select(v => v.Version).ShouldBe([2L, 3L]);
            (await uow.Items.GetVersionsAsync(contacts, b)).Select(v => v.Version).ShouldBe([2L]);
            (await uow.Items.GetVersionsAsync(contacts, c)).Select(v => v.Version).ShouldBe([2L, 3L]);
            Text((await uow.Items.GetAsync(contacts, [a])).Single().Content).ShouldBe("A3");

            // Without the generation, A2 goes too; the newest versions stay.
            await uow.StorageArea.SaveAsync(contacts, "web", keep: 1);
            (await uow.History.PruneAsync(cutoff, 100)).ShouldBe(2);
            (await uow.Items.GetVersionsAsync(contacts, a)).Select(v => v.Version).ShouldBe([3L]);
            (await uow.Items.GetVersionsAsync(contacts, c)).Select(v => v.Version).ShouldBe([3L]);
            await uow.CommitAsync();
        }
    }

    [Theory]
    [StoreData]
    public async Task Pruning_keeps_what_a_restore_within_the_retention_needs(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        var item = (await AddAsync(contacts, Vcard("A")))[0];
        Clock.Advance(TimeSpan.FromDays(100));
        var cutoff = Clock.GetUtcNow() - TimeSpan.FromDays(1);
        await using var uow = await Store.BeginAsync();
        await uow.Items.ReplaceAsync(contacts, [Edit(item.Id, "A2")]);

        // Version 1 was current until a moment ago: a restore to any time after the cutoff needs it.
        (await uow.History.PruneAsync(cutoff, 100)).ShouldBe(0);
        (await uow.History.GetStateAtAsync(contacts, cutoff)).Single().Version.ShouldBe(1);
    }
}
