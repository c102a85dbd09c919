using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>The storage area (seed 000 §5.3) every backend must keep: generations of references to item versions.</summary>
public sealed class StorageAreaContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_generation_lists_each_live_item_at_its_current_version_with_count_bytes_and_sequence(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        var items = await AddAsync(contacts, Vcard("A"), Vcard("B"), Vcard("C"));
        await using var uow = await Store.BeginAsync();
        await uow.Items.ReplaceAsync(contacts, [Edit(items[0].Id, "A2")]);
        await uow.Items.DeleteAsync(contacts, [new ItemDeletion(items[2].Id, "web")]);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var generation = await uow.StorageArea.SaveAsync(contacts, "web", keep: 5);
        generation.ItemCount.ShouldBe(2);
        generation.Bytes.ShouldBe(items[1].Size + 2);
        generation.Sequence.ShouldBe(await uow.Items.GetCurrentSequenceAsync(user));
        generation.Created.ShouldBe(Clock.GetUtcNow());
        generation.Origin.ShouldBe("web");
        (await uow.StorageArea.GetEntriesAsync(contacts, generation.Id)).OrderBy(e => e.ItemId, StringComparer.Ordinal)
            .ShouldBe(new[] { new AreaEntry(items[0].Id, 2), new AreaEntry(items[1].Id, 1) }.OrderBy(e => e.ItemId, StringComparer.Ordinal));
        await uow.CommitAsync();
    }

    [Theory]
    [StoreData]
    public async Task Only_the_newest_generations_are_kept_newest_first(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        await AddAsync(contacts, Vcard("A"));
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            await using var uow = await Store.BeginAsync();
            ids.Add((await uow.StorageArea.SaveAsync(contacts, "cli", keep: 2)).Id);
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.StorageArea.ListAsync(contacts)).Select(g => g.Id).ShouldBe([ids[3], ids[2]]);
        (await read.StorageArea.GetAsync(contacts, ids[0])).ShouldBeNull();
        (await read.StorageArea.GetEntriesAsync(contacts, ids[0])).ShouldBeEmpty();
    }

    [Theory]
    [StoreData]
    public async Task A_generation_of_another_datastore_or_user_is_not_found(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, alice) = await NewUserAsync("alice");
        var (_, bob) = await NewUserAsync("bob");
        await AddAsync(alice, Vcard("A"));
        await using var uow = await Store.BeginAsync();
        var generation = await uow.StorageArea.SaveAsync(alice, "web", 5);
        (await uow.StorageArea.GetAsync(bob, generation.Id)).ShouldBeNull();
        (await uow.StorageArea.GetEntriesAsync(bob, generation.Id)).ShouldBeEmpty();
        (await uow.StorageArea.ListAsync(bob)).ShouldBeEmpty();
    }

    [Theory]
    [StoreData]
    public async Task A_recovery_mark_clears_every_device_anchor_of_the_datastore_and_stays_until_saved_over(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        long events;
        await using (var uow = await Store.BeginAsync())
        {
            events = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Events)).Id;
            foreach (var name in new[] { "IMEI:1", "IMEI:2" })
            {
                var device = await uow.Devices.RegisterAccessAsync(user, name);
                await uow.SyncStates.SaveAsync(new SyncState(device.Id, contacts, "a1", null, "s1", null, 7, 7, Start, Start));
                await uow.SyncStates.SaveAsync(new SyncState(device.Id, events, "e1", null, "s1", null, 7, 7, Start, Start));
            }

            (await uow.SyncStates.MarkRecoveredAsync(contacts, 42)).ShouldBe(2);
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        foreach (var device in await read.Devices.ListAsync(user))
        {
            var marked = (await read.SyncStates.GetAsync(device.Id, contacts))!;
            (marked.LastAnchor, marked.AckedSequence, marked.RecoverySequence).ShouldBe((null, 0L, 42L));
            var other = (await read.SyncStates.GetAsync(device.Id, events))!;
            (other.LastAnchor, other.AckedSequence, other.RecoverySequence).ShouldBe(("e1", 7L, null));
        }
    }

    [Theory]
    [StoreData]
    public async Task Sync_state_keeps_the_quota_refusal_flag(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var device = await uow.Devices.RegisterAccessAsync(user, "IMEI:1");
        await uow.SyncStates.SaveAsync(new SyncState(device.Id, contacts, "a1", null, "s1", null, 1, 1, Start, Start, QuotaRefused: true));
        (await uow.SyncStates.GetAsync(device.Id, contacts))!.QuotaRefused.ShouldBeTrue();
        await uow.SyncStates.SaveAsync(new SyncState(device.Id, contacts, "a2", null, "s2", null, 1, 1, Start, Start));
        (await uow.SyncStates.GetAsync(device.Id, contacts))!.QuotaRefused.ShouldBeFalse();
    }
}
