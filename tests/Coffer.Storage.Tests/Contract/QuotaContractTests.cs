using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>Per-user quotas and the usage they are checked against, alike in every backend.</summary>
public sealed class QuotaContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_new_user_has_no_own_quota_and_a_set_quota_reads_back(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        (await uow.Users.GetQuotaAsync(user)).ShouldBe(new UserQuota(null, null));
        (await uow.Users.SetQuotaAsync(user, new UserQuota(10, 0))).ShouldBeTrue();
        (await uow.Users.GetQuotaAsync(user)).ShouldBe(new UserQuota(10, 0));
        (await uow.Users.SetQuotaAsync(user, new UserQuota(null, 2048))).ShouldBeTrue();
        (await uow.Users.GetQuotaAsync(user)).ShouldBe(new UserQuota(null, 2048));
        (await uow.Users.GetQuotaAsync(user + 1000)).ShouldBeNull();
        (await uow.Users.SetQuotaAsync(user + 1000, new UserQuota(1, 1))).ShouldBeFalse();
    }

    [Theory]
    [StoreData]
    public async Task Usage_counts_live_items_and_their_bytes_over_all_datastores_of_the_user_only(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, contacts) = await NewUserAsync("alice");
        var (_, bobContacts) = await NewUserAsync("bob");
        long notes;
        await using (var uow = await Store.BeginAsync())
        {
            notes = (await uow.Datastores.EnsureAsync(alice, DatastoreKind.Notes)).Id;
            await uow.CommitAsync();
        }

        var cards = await AddAsync(contacts, Vcard("A"), Vcard("B"));
        var note = await AddAsync(notes, new NewItem("text/plain", "12345"u8.ToArray(), "web"));
        await AddAsync(bobContacts, Vcard("C"));
        await using var read = await Store.BeginAsync();
        await read.Items.DeleteAsync(contacts, [new ItemDeletion(cards[0].Id, "web")]);
        (await read.Items.GetUsageAsync(alice)).ShouldBe(new StorageUsage(2, cards[1].Size + note[0].Size));
    }
}
